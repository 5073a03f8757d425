import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { GroupNameParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';

/** Deletes a group that has no users and no policies. */
export default defineOperation({
  product: 'Ram',
  action: 'DeleteGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['GroupName'] },
  ramAction: 'ram:DeleteGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({ GroupName: GroupNameParam }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName },
  errors: ['EntityNotExist.Group', 'DeleteConflict.Group.User', 'DeleteConflict.Group.Policy'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.groups.delete(ctx.principal.accountId, input.GroupName);
    return r.ok ? ok({}) : r;
  },
});
