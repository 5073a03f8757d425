import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam } from './params.js';
import { keyOwner, keyOwnerArn } from './key-owner.js';
import { ramDate } from './views.js';

/** A new AccessKey; its secret appears in this response only and is kept encrypted at rest. */
export default defineOperation({
  product: 'Ram',
  action: 'CreateAccessKey',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  ramAction: 'ram:CreateAccessKey',
  selfService: 'AllowUserToManageAccessKeys',
  targetsSelf: (r) => r.input.UserName === undefined || r.input.UserName === r.principal.name,
  resource: (r) => keyOwnerArn(r.principal, r.input.UserName),
  input: Type.Object({ UserName: Type.Optional(UserNameParam) }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'LimitExceeded.User.AccessKey', 'MissingParameter'],
  async handler(ctx, input) {
    const owner = keyOwner(ctx.principal, input.UserName);
    if (!owner.ok) return owner;
    const r = await ctx.services.identity.users.createKey(ctx.principal.accountId, owner.value);
    if (!r.ok) return r;
    const { key, secret } = r.value;
    return ok({
      AccessKey: {
        AccessKeyId: key.id,
        AccessKeySecret: secret,
        Status: key.status,
        CreateDate: ramDate(key.created_at),
      },
    });
  },
});
