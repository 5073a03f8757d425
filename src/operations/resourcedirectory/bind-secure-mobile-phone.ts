import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { parseSecurePhone } from '../../domain/phone/phone.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { AccountIdParam, SecureMobilePhoneParam, VerificationCodeParam } from './params.js';

/** Binds the phone a code was sent to, once, to a ResourceAccount member. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'BindSecureMobilePhone',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:BindSecureMobilePhone',
  resource: (uid) => `acs:resourcemanager::${uid}:account/*`,
  callerRule: 'management-ram-identity',
  input: Type.Object({
    AccountId: AccountIdParam,
    SecureMobilePhone: SecureMobilePhoneParam,
    VerificationCode: VerificationCodeParam,
  }),
  paramErrors: {
    AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
    SecureMobilePhone: { missing: 'MissingParameter.SecureMobilePhone', invalid: 'InvalidParameter.SecureMobilePhone' },
    VerificationCode: { missing: 'MissingParameter.VerificationCode', invalid: 'Invalid.VerificationCode' },
  },
  errors: [
    'InvalidParameter.SecureMobilePhone',
    'InvalidParameter.MobileCountryCode',
    'EntityNotExists.Account',
    'NotSupport.AccountInAnotherResourceDirectory',
    'AccountTypeMismatch',
    'AccountSecureMobileAlreadyExists',
    'Invalid.VerificationCode',
  ],
  auditsItself: true,
  async handler(ctx, input) {
    const dir = ctx.managedDirectory;
    if (!dir) return err(failure('CallerIdentityError'));
    const phone = parseSecurePhone(input.SecureMobilePhone, ctx.services.site);
    if (!phone.ok) return phone;
    const member = await ctx.services.directory.memberForSecurePhone(dir, input.AccountId);
    if (!member.ok) return member;
    const bound = await ctx.services.verification.bind(member.value, phone.value, input.VerificationCode, ctx.audit);
    if (!bound.ok) return bound;
    return ok({});
  },
});
