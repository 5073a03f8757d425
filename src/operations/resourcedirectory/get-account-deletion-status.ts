import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS } from './deletion-common.js';
import { iso } from './views.js';

/**
 * Deleting, then Success once the configured delay has passed. Not read-only: a due deletion is
 * carried out (the member, its account and its RAM data removed) by this call if the sweeper has
 * not done it yet, so Success always means the member is gone.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetAccountDeletionStatus',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  ramAction: 'resourcemanager:GetAccountDeletionStatus',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: ACCOUNT_ID_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Account'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const r = await ctx.services.lifecycle.deletion.status(dir.value, input.AccountId);
    if (!r.ok) return r;
    const { deletion, status, completesAt } = r.value;
    return ok({
      RdAccountDeletionStatus: {
        AccountId: deletion.account_id,
        Status: status,
        CreateTime: iso(deletion.deletion_started_at ?? deletion.check_started_at),
        DeletionTime: status === 'Success' ? iso(completesAt) : '',
        DeletionType: deletion.deletion_type ?? '0',
        FailReasonList: [],
      },
    });
  },
});
