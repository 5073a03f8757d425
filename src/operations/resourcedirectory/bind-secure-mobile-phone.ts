import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam, SecureMobilePhoneParam, VerificationCodeParam } from './params.js';
import { SERVED_FROM_MEMORY } from '../../domain/directory/member-memory.js';
import {
  resolveSecurePhoneTarget,
  SECURE_PHONE_PARAM_ERRORS,
  SECURE_PHONE_TARGET_ERRORS,
} from './secure-phone-target.js';

/** Binds the phone a code was sent to, once, to a ResourceAccount member. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'BindSecureMobilePhone',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:BindSecureMobilePhone',
  officialParams: {
    '2020-03-31': ['AccountId', 'SecureMobilePhone', 'VerificationCode'],
    '2022-04-19': ['AccountId', 'SecureMobilePhone', 'VerificationCode'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-ram-identity',
  input: Type.Object({
    AccountId: AccountIdParam,
    SecureMobilePhone: SecureMobilePhoneParam,
    VerificationCode: VerificationCodeParam,
  }),
  paramErrors: {
    VerificationCode: { missing: 'MissingParameter.VerificationCode', invalid: 'Invalid.VerificationCode' },
    ...SECURE_PHONE_PARAM_ERRORS,
  },
  errors: [...SECURE_PHONE_TARGET_ERRORS, 'Invalid.VerificationCode'],
  auditsItself: true,
  identityCheckedByWrite: true,
  async handler(ctx, input) {
    const target = await resolveSecurePhoneTarget(ctx, input.AccountId, input.SecureMobilePhone);
    if (!target.ok) return target;
    const bound = await ctx.services.verification.bind(
      target.value.member,
      target.value.phone,
      input.VerificationCode,
      ctx.audit,
      ctx.identityStamp,
    );
    // The write answered (or the code was refused unread): the member was as judged, or needs no check.
    ctx.memo?.delete(SERVED_FROM_MEMORY);
    if (!bound.ok) return bound;
    return ok({});
  },
});
