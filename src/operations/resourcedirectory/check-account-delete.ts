import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, DELETABLE_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';

/** Starts the deletion check of a member; GetAccountDeletionCheckResult reports it. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CheckAccountDelete',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  ramAction: 'resourcemanager:CheckAccountDelete',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: ACCOUNT_ID_ERRORS,
  errors: [...MEMBER_LOOKUP_ERRORS, ...DELETABLE_ERRORS, 'ExistProcessingDeleteFlow.DeleteAccount'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const started = await ctx.services.lifecycle.deletion.check(ctx.principal, dir.value, member.value);
    if (!started.ok) return started;
    return ok({});
  },
});
