import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { defineOperation } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';

/**
 * Sets the account that pays for a member: another account of the same directory that pays for
 * itself, or the member itself (self-payment again). GetPayerForAccount shows it.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UpdatePayerForAccount',
  versions: ['2022-04-19'],
  officialParams: { '2022-04-19': ['AccountId', 'PayerAccountId'] },
  ramAction: 'resourcemanager:UpdatePayerForAccount',
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-account',
  input: Type.Object({ AccountId: AccountIdParam, PayerAccountId: AccountIdParam }),
  paramErrors: {
    AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
    PayerAccountId: { missing: 'MissingParameter.PayerAccountId', invalid: 'InvalidParameter.PayerAccountId' },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Account',
    'NotSupport.AccountInAnotherResourceDirectory',
    'EntityNotExists.PayerAccount',
    'InvalidPayerAccount',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const payer = await ctx.services.directory.memberOf(dir.value, input.PayerAccountId);
    if (!payer.ok) {
      return err(
        failure(
          'EntityNotExists.PayerAccount',
          `The account ${input.PayerAccountId} is not a member of the resource directory ${dir.value.id}.`,
        ),
      );
    }
    const done = await ctx.services.lifecycle.billing.setPayer(dir.value, input.AccountId, input.PayerAccountId);
    if (!done.ok) return done;
    return ok({});
  },
});
