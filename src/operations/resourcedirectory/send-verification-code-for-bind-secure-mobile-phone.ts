import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam, SecureMobilePhoneParam } from './params.js';
import { resolveSecurePhoneTarget, SECURE_PHONE_PARAM_ERRORS, SECURE_PHONE_TARGET_ERRORS } from './secure-phone-target.js';
import { iso } from './views.js';

/** Sends an SMS code to the phone that is to be bound to a ResourceAccount member. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendVerificationCodeForBindSecureMobilePhone',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone',
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-ram-identity',
  input: Type.Object({ AccountId: AccountIdParam, SecureMobilePhone: SecureMobilePhoneParam }),
  paramErrors: SECURE_PHONE_PARAM_ERRORS,
  errors: [...SECURE_PHONE_TARGET_ERRORS, 'SendValidateCodeExceedsLimitForAccount'],
  auditsItself: true,
  async handler(ctx, input) {
    const target = await resolveSecurePhoneTarget(ctx, input.AccountId, input.SecureMobilePhone);
    if (!target.ok) return target;
    const { dir, member, phone } = target.value;
    const sent = await ctx.services.verification.send(member, dir.management_account_id, phone, ctx.audit);
    if (!sent.ok) return sent;
    return ok({ ExpirationDate: iso(sent.value.expiresAt) });
  },
});
