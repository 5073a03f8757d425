import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { keyOwner, keyOwnerArn } from './key-owner.js';
import { AccessKeyIdParam, PARAM_ERRORS, RAM_VERSIONS, UserNameParam } from './params.js';
import { ramDate } from './views.js';

/**
 * When an AccessKey last authenticated a request (tracked in memory and flushed to the store every
 * 10 s). A key never used answers no LastUsedDate.
 */
export default defineOperation({
  product: 'Ram',
  action: 'GetAccessKeyLastUsed',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:GetAccessKeyLastUsed',
  officialParams: { '2015-05-01': ['UserAccessKeyId', 'UserName'] },
  selfService: 'AllowUserToManageAccessKeys',
  targetsSelf: (r) => r.input.UserName === undefined || r.input.UserName === r.principal.name,
  resource: (r) => keyOwnerArn(r.principal, r.input.UserName),
  input: Type.Object({ UserAccessKeyId: AccessKeyIdParam, UserName: Type.Optional(UserNameParam) }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.AccessKey', 'MissingParameter'],
  async handler(ctx, input) {
    const owner = keyOwner(ctx.principal, input.UserName);
    if (!owner.ok) return owner;
    const keys = await ctx.services.identity.users.listKeys(ctx.principal.accountId, owner.value);
    if (!keys.ok) return keys;
    if (!keys.value.some((k) => k.id === input.UserAccessKeyId)) {
      return err(failure('EntityNotExist.User.AccessKey', `The AccessKey ${input.UserAccessKeyId} does not exist.`));
    }
    const at = await ctx.services.identity.keyUsage.lastUsed(input.UserAccessKeyId);
    return ok({ AccessKeyLastUsed: at === undefined ? {} : { LastUsedDate: ramDate(at) } });
  },
});
