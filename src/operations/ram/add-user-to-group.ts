import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { GroupNameParam, PARAM_ERRORS, RAM_VERSIONS, UserNameParam, ramArn } from './params.js';

/** Adds a user to a group; the group's policies apply to it from the next request. */
export default defineOperation({
  product: 'Ram',
  action: 'AddUserToGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['GroupName', 'UserName'] },
  ramAction: 'ram:AddUserToGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({ GroupName: GroupNameParam, UserName: UserNameParam }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName, UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.Group', 'EntityNotExist.User', 'EntityAlreadyExists.User.Group'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.groups.addUser(ctx.principal.accountId, input.GroupName, input.UserName);
    return r.ok ? ok({}) : r;
  },
});
