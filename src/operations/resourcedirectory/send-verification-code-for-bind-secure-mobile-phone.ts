import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { parseSecurePhone } from '../../domain/phone/phone.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { AccountIdParam, SecureMobilePhoneParam } from './params.js';
import { iso } from './views.js';

/** Sends an SMS code to the phone that is to be bound to a ResourceAccount member. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendVerificationCodeForBindSecureMobilePhone',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone',
  resource: () => '*',
  callerRule: 'management-ram-identity',
  input: Type.Object({ AccountId: AccountIdParam, SecureMobilePhone: SecureMobilePhoneParam }),
  paramErrors: {
    AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
    SecureMobilePhone: { missing: 'MissingParameter.SecureMobilePhone', invalid: 'InvalidParameter.SecureMobilePhone' },
  },
  errors: [
    'InvalidParameter.SecureMobilePhone',
    'InvalidParameter.MobileCountryCode',
    'EntityNotExists.Account',
    'NotSupport.AccountInAnotherResourceDirectory',
    'AccountTypeMismatch',
    'AccountSecureMobileAlreadyExists',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  auditsItself: true,
  async handler(ctx, input) {
    const dir = ctx.managedDirectory;
    if (!dir) return err(failure('CallerIdentityError'));
    const phone = parseSecurePhone(input.SecureMobilePhone, ctx.services.site);
    if (!phone.ok) return phone;
    const member = await ctx.services.directory.memberForSecurePhone(dir, input.AccountId);
    if (!member.ok) return member;
    const sent = await ctx.services.verification.send(member.value, dir.management_account_id, phone.value, ctx.audit);
    if (!sent.ok) return sent;
    return ok({ ExpirationDate: iso(sent.value.expiresAt) });
  },
});
