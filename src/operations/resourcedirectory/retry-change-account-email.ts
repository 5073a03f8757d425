import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';

/**
 * Sends the confirmation mail of a member's pending (or expired) e-mail change again; the
 * confirmation time starts over.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'RetryChangeAccountEmail',
  versions: RD_VERSIONS,
  officialParams: { '2020-03-31': ['AccountId'], '2022-04-19': ['AccountId'] },
  ramAction: 'resourcemanager:RetryChangeAccountEmail',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: ACCOUNT_ID_ERRORS,
  errors: [...MEMBER_LOOKUP_ERRORS, 'EntityNotExists.EmailModifyRecord'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const r = await ctx.services.lifecycle.mail.retryChangeEmail(member.value.account_id);
    if (!r.ok) return r;
    return ok({});
  },
});
