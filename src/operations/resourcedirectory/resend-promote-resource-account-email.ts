import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { RECORD_ID_ERRORS, RecordIdParam, recordAccountArn, recordAccountView } from './mail-params.js';

/**
 * Sends the confirmation mail of a promotion again (a PromoteExpired one becomes PromoteVerifying);
 * the confirmation time starts over. (2020-03-31 only)
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ResendPromoteResourceAccountEmail',
  versions: ['2020-03-31'],
  officialParams: { '2020-03-31': ['RecordId'] },
  ramAction: 'resourcemanager:ResendPromoteResourceAccountEmail',
  resource: () => '*',
  resolveResource: recordAccountArn,
  input: Type.Object({ RecordId: RecordIdParam }),
  paramErrors: RECORD_ID_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.AccountRecord', 'AccountTypeOrStatusMismatch'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const r = await ctx.services.lifecycle.cloudAccounts.resend(
      dir.value,
      'PromoteResourceAccount',
      input.RecordId.toLowerCase(),
    );
    if (!r.ok) return r;
    return ok({ Account: recordAccountView(r.value.member, r.value.record, ctx.version, true) });
  },
});
