import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { AccountIdParam } from './params.js';

/**
 * Whether an account of the caller's directory (the management account or a member) may pay for
 * other members: Result true with no Reasons, or false with why not (docs/decisions.md).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'PrecheckForConsolidatedBillingAccount',
  versions: ['2022-04-19'],
  readOnly: true,
  officialParams: { '2022-04-19': ['BillingAccountId'] },
  ramAction: 'resourcemanager:PrecheckForConsolidatedBillingAccount',
  resource: () => '*',
  callerRule: 'management-account',
  input: Type.Object({ BillingAccountId: AccountIdParam }),
  paramErrors: {
    BillingAccountId: { missing: 'MissingParameter.BillingAccountId', invalid: 'InvalidParameter.BillingAccountId' },
  },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Account', 'NotSupport.AccountInAnotherResourceDirectory'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.BillingAccountId);
    if (!member.ok) return member;
    const reasons = await ctx.services.lifecycle.billing.reasonsAgainstPayer(dir.value, input.BillingAccountId);
    return ok({ Result: reasons.length === 0, Reasons: reasons });
  },
});
