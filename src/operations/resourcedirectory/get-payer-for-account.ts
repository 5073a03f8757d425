import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';

/**
 * The account that pays for a member: the member itself unless UpdatePayerForAccount named another
 * member of the directory that is still a member (docs/decisions.md).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetPayerForAccount',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetPayerForAccount',
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-or-self',
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: { AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' } },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Account', 'NotSupport.AccountInAnotherResourceDirectory'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.visibleTo(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const payer = await ctx.services.lifecycle.billing.payerOf(dir.value, member.value.account_id);
    if (payer === member.value.account_id) {
      return ok({ PayerAccountId: payer, PayerAccountName: member.value.account.account_name });
    }
    return ok({ PayerAccountId: payer, PayerAccountName: await ctx.services.directory.accountName(payer) });
  },
});
