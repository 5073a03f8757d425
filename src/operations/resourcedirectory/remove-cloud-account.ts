import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';

/** Removes a CloudAccount member (one that joined by invitation) from the directory; the account itself stays. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'RemoveCloudAccount',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  ramAction: 'resourcemanager:RemoveCloudAccount',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: ACCOUNT_ID_ERRORS,
  errors: [...MEMBER_LOOKUP_ERRORS, 'AccountTypeOrStatusMismatch', 'Deny.TrustedService'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const removed = await ctx.services.lifecycle.deletion.removeCloudAccount(dir.value, member.value);
    if (!removed.ok) return removed;
    return ok({});
  },
});
