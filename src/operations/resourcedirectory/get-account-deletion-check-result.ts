import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS } from './deletion-common.js';

/** The result of the member's latest deletion check: PreChecking, then PreCheckComplete (resdir finds no blocker). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetAccountDeletionCheckResult',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  readOnly: true,
  ramAction: 'resourcemanager:GetAccountDeletionCheckResult',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: ACCOUNT_ID_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.CheckAccount'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const r = await ctx.services.lifecycle.deletion.checkResult(dir.value, input.AccountId);
    if (!r.ok) return r;
    return ok({
      AccountDeletionCheckResultInfo: {
        Status: r.value.status,
        AllowDelete: String(r.value.allowDelete),
        NotAllowReason: [],
        AbandonableChecks: [],
      },
    });
  },
});
