import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { RECORD_ID_ERRORS, RecordIdParam, recordAccountArn } from './mail-params.js';

/** Cancels a pending cloud account creation: the member and its account are removed. (2020-03-31 only) */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CancelCreateCloudAccount',
  versions: ['2020-03-31'],
  officialParams: { '2020-03-31': ['RecordId'] },
  ramAction: 'resourcemanager:CancelCreateCloudAccount',
  resource: () => '*',
  resolveResource: recordAccountArn,
  input: Type.Object({ RecordId: RecordIdParam }),
  paramErrors: RECORD_ID_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.AccountRecord', 'AccountTypeOrStatusMismatch'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const r = await ctx.services.lifecycle.cloudAccounts.cancel(
      dir.value,
      'CreateCloudAccount',
      input.RecordId.toLowerCase(),
    );
    if (!r.ok) return r;
    return ok({});
  },
});
