import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, DELETABLE_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';

/** A JSON array of check IDs, as the SDKs send AbandonableCheckId. */
const isCheckIdList = (raw: string): boolean => {
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) && v.length <= 50 && v.every((x) => typeof x === 'string' && x.length <= 128);
  } catch {
    return false;
  }
};

/**
 * Starts deleting a member whose deletion check completed; GetAccountDeletionStatus follows it.
 * DeletionType is always 0 (direct deletion: resdir members hold no billable resources), so
 * AbandonableCheckId, though validated, has nothing to abandon.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DeleteAccount',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['AbandonableCheckId', 'AccountId'],
    '2022-04-19': ['AbandonableCheckId', 'AccountId'],
  },
  ramAction: 'resourcemanager:DeleteAccount',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({
    AccountId: AccountIdParam,
    AbandonableCheckId: Type.Optional(
      Type.String({ maxLength: 8192, description: 'Specify a JSON array of check IDs, for example ["SP_fc_fc"].' }),
    ),
  }),
  paramErrors: {
    ...ACCOUNT_ID_ERRORS,
    AbandonableCheckId: {
      missing: 'InvalidParameter.AbandonableCheckId',
      invalid: 'InvalidParameter.AbandonableCheckId',
    },
  },
  errors: [
    ...MEMBER_LOOKUP_ERRORS,
    ...DELETABLE_ERRORS,
    'InvalidParameter.AbandonableCheckId',
    'EntityNotExists.CheckAccount',
    'NotSupportedOperation.CheckingAccount',
    'ExistProcessingDeleteFlow.DeleteAccount',
  ],
  async handler(ctx, input) {
    if (input.AbandonableCheckId !== undefined && !isCheckIdList(input.AbandonableCheckId))
      return err(failure('InvalidParameter.AbandonableCheckId'));
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const r = await ctx.services.lifecycle.deletion.delete(ctx.principal, dir.value, member.value);
    if (!r.ok) return r;
    return ok({ DeletionType: r.value.deletionType });
  },
});
