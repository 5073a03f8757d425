import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { AccessKeyIdParam, PARAM_ERRORS, RAM_VERSIONS, UserNameParam } from './params.js';
import { keyOwner, keyOwnerArn } from './key-owner.js';

/** Deletes an AccessKey; the next request signed with it fails with InvalidAccessKeyId.NotFound. */
export default defineOperation({
  product: 'Ram',
  action: 'DeleteAccessKey',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserAccessKeyId', 'UserName'] },
  ramAction: 'ram:DeleteAccessKey',
  selfService: 'AllowUserToManageAccessKeys',
  targetsSelf: (r) => r.input.UserName === undefined || r.input.UserName === r.principal.name,
  resource: (r) => keyOwnerArn(r.principal, r.input.UserName),
  input: Type.Object({ UserAccessKeyId: AccessKeyIdParam, UserName: Type.Optional(UserNameParam) }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.AccessKey', 'MissingParameter'],
  async handler(ctx, input) {
    const owner = keyOwner(ctx.principal, input.UserName);
    if (!owner.ok) return owner;
    const r = await ctx.services.identity.users.deleteKey(ctx.principal.accountId, owner.value, input.UserAccessKeyId);
    return r.ok ? ok({}) : r;
  },
});
