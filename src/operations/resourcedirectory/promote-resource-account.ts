import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';
import { EMAIL_ERRORS, EmailParam, recordAccountView } from './mail-params.js';

/**
 * Upgrades a ResourceAccount to a CloudAccount whose logon name is Email (2020-03-31 only): it is
 * PromoteVerifying until the confirmation mail is confirmed, then a CloudAccount of status
 * PromoteSuccess. RecordId names the promotion for its resend and cancel partners.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'PromoteResourceAccount',
  versions: ['2020-03-31'],
  officialParams: { '2020-03-31': ['AccountId', 'Email'] },
  ramAction: 'resourcemanager:PromoteResourceAccount',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam, Email: EmailParam }),
  paramErrors: { ...ACCOUNT_ID_ERRORS, Email: EMAIL_ERRORS },
  errors: [
    ...MEMBER_LOOKUP_ERRORS,
    'AccountTypeOrStatusMismatch',
    'InvalidParameter.Email.AlreadyUsed',
    'ConcurrentCallNotSupported',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const r = await ctx.services.lifecycle.cloudAccounts.promote(member.value, input.Email.toLowerCase());
    if (!r.ok) return r;
    return ok({ Account: recordAccountView(r.value.member, r.value.record, ctx.version, true) });
  },
});
