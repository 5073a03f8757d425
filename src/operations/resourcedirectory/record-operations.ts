/**
 * The Cancel and Resend partners of CreateCloudAccount and PromoteResourceAccount (2020-03-31 only):
 * the same shape for both kinds of record, named by its RecordId.
 * - Cancel: a pending creation removes the member and its account; a pending promotion leaves a
 *   ResourceAccount of status PromoteCancelled.
 * - Resend: the confirmation mail goes out again (an expired record becomes verifying again) and
 *   the confirmation time starts over.
 */
import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, type Operation } from '../define.js';
import { RECORD_ID_ERRORS, RecordIdParam, recordAccountArn, recordAccountView } from './mail-params.js';

type RecordKind = 'CreateCloudAccount' | 'PromoteResourceAccount';

function recordOperation(action: string, kind: RecordKind, step: 'cancel' | 'resend'): Operation {
  return defineOperation({
    product: 'ResourceManager',
    action,
    versions: ['2020-03-31'],
    officialParams: { '2020-03-31': ['RecordId'] },
    ramAction: `resourcemanager:${action}`,
    resource: () => '*',
    resolveResource: recordAccountArn,
    input: Type.Object({ RecordId: RecordIdParam }),
    paramErrors: RECORD_ID_ERRORS,
    errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.AccountRecord', 'AccountTypeOrStatusMismatch'],
    async handler(ctx, input) {
      const dir = await ctx.services.directory.managedBy(ctx.principal);
      if (!dir.ok) return dir;
      const records = ctx.services.lifecycle.cloudAccounts;
      const recordId = input.RecordId.toLowerCase();
      if (step === 'cancel') {
        const r = await records.cancel(dir.value, kind, recordId);
        return r.ok ? ok({}) : r;
      }
      const r = await records.resend(dir.value, kind, recordId);
      if (!r.ok) return r;
      return ok({ Account: recordAccountView(r.value.member, r.value.record, ctx.version, true) });
    },
  });
}

export const cancelCreateCloudAccount = recordOperation('CancelCreateCloudAccount', 'CreateCloudAccount', 'cancel');
export const cancelPromoteResourceAccount = recordOperation(
  'CancelPromoteResourceAccount',
  'PromoteResourceAccount',
  'cancel',
);
export const resendCreateCloudAccountEmail = recordOperation(
  'ResendCreateCloudAccountEmail',
  'CreateCloudAccount',
  'resend',
);
export const resendPromoteResourceAccountEmail = recordOperation(
  'ResendPromoteResourceAccountEmail',
  'PromoteResourceAccount',
  'resend',
);
