import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { CLIENT_TOKEN_PATTERN } from '../../domain/verification/idempotency.js';
import { AccountIdParam, SecureMobilePhoneParam } from './params.js';
import {
  resolveSecurePhoneTarget,
  SECURE_PHONE_PARAM_ERRORS,
  SECURE_PHONE_TARGET_ERRORS,
} from './secure-phone-target.js';
import { iso } from './views.js';
import { SERVED_FROM_MEMORY } from '../../domain/directory/member-memory.js';
import type { WriteGuard } from '../../domain/verification/secure-phone.js';

/**
 * Sends an SMS code to the phone that is to be bound to a ResourceAccount member. The optional
 * ClientToken (a resdir extension, as other Alibaba operations take it) replays the first
 * successful answer for 24 hours without a second SMS.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendVerificationCodeForBindSecureMobilePhone',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone',
  officialParams: {
    '2020-03-31': ['AccountId', 'SecureMobilePhone'],
    '2022-04-19': ['AccountId', 'SecureMobilePhone'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-ram-identity',
  input: Type.Object({
    AccountId: AccountIdParam,
    SecureMobilePhone: SecureMobilePhoneParam,
    ClientToken: Type.Optional(
      Type.String({
        pattern: CLIENT_TOKEN_PATTERN,
        description: 'Optional idempotency token: at most 64 printable ASCII characters.',
      }),
    ),
  }),
  paramErrors: {
    ClientToken: { missing: 'InvalidParameter.ClientToken', invalid: 'InvalidParameter.ClientToken' },
    ...SECURE_PHONE_PARAM_ERRORS,
  },
  errors: [...SECURE_PHONE_TARGET_ERRORS, 'SendValidateCodeExceedsLimitForAccount', 'IdempotentParameterMismatch'],
  auditsItself: true,
  identityCheckedByWrite: true,
  nonceClaimedByWrite: true,
  async handler(ctx, input) {
    const target = await resolveSecurePhoneTarget(ctx, input.AccountId, input.SecureMobilePhone);
    if (!target.ok) return target;
    const { dir, member, phone } = target.value;
    const guard: WriteGuard = {};
    if (ctx.identityStamp) guard.identity = ctx.identityStamp;
    if (ctx.nonce) guard.nonce = ctx.nonce;
    const sent = await ctx.services.verification.send(
      member,
      dir.management_account_id,
      phone,
      ctx.audit,
      input.ClientToken,
      guard,
    );
    // The write answered, so it found the member as judged (a changed one throws for a fresh run).
    ctx.memo?.delete(SERVED_FROM_MEMORY);
    if (!sent.ok) return sent;
    return ok({ ExpirationDate: iso(sent.value.expiresAt) });
  },
});
