import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { AccessKeyIdParam, PARAM_ERRORS, RAM_VERSIONS, UserNameParam } from './params.js';
import { keyOwner, keyOwnerArn } from './key-owner.js';

/** Enables or disables an AccessKey; the next request signed with it sees the new status. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdateAccessKey',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Status', 'UserAccessKeyId', 'UserName'] },
  ramAction: 'ram:UpdateAccessKey',
  selfService: 'AllowUserToManageAccessKeys',
  targetsSelf: (r) => r.input.UserName === undefined || r.input.UserName === r.principal.name,
  resource: (r) => keyOwnerArn(r.principal, r.input.UserName),
  input: Type.Object({
    UserAccessKeyId: AccessKeyIdParam,
    Status: Type.String({ pattern: '^(Active|Inactive)$', description: 'Active or Inactive.' }),
    UserName: Type.Optional(UserNameParam),
  }),
  paramErrors: { Status: PARAM_ERRORS.Status, UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.AccessKey', 'MissingParameter'],
  async handler(ctx, input) {
    const owner = keyOwner(ctx.principal, input.UserName);
    if (!owner.ok) return owner;
    const r = await ctx.services.identity.users.setKeyStatus(
      ctx.principal.accountId,
      owner.value,
      input.UserAccessKeyId,
      input.Status as 'Active' | 'Inactive',
    );
    return r.ok ? ok({}) : r;
  },
});
