import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import { parseSecurePhone, type Phone } from '../../domain/phone/phone.js';
import type { Directory, Member } from '../../store/ports.js';
import type { OpContext, ParamErrors } from '../define.js';

/** Parameter error codes shared by Send and Bind. */
export const SECURE_PHONE_PARAM_ERRORS: Record<'AccountId' | 'SecureMobilePhone', ParamErrors> = {
  AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
  SecureMobilePhone: { missing: 'MissingParameter.SecureMobilePhone', invalid: 'InvalidParameter.SecureMobilePhone' },
};

/** Business codes both operations can return while resolving their target. */
export const SECURE_PHONE_TARGET_ERRORS = [
  'InvalidParameter.SecureMobilePhone',
  'InvalidParameter.MobileCountryCode',
  'EntityNotExists.Account',
  'NotSupport.AccountInAnotherResourceDirectory',
  'AccountTypeMismatch',
  'AccountSecureMobileAlreadyExists',
] as const;

export interface SecurePhoneTarget {
  dir: Directory;
  phone: Phone;
  member: Member;
}

/**
 * The directory the caller manages, the validated phone (site rule included) and the member that
 * can receive it, in that order. Failures: those of parseSecurePhone and memberForSecurePhone.
 */
export async function resolveSecurePhoneTarget(
  ctx: OpContext,
  accountId: string,
  rawPhone: string,
): Promise<Result<SecurePhoneTarget, ApiFailure>> {
  const dir = ctx.managedDirectory;
  if (!dir) return err(failure('CallerIdentityError'));
  const phone = parseSecurePhone(rawPhone, ctx.services.site, ctx.services.callingCodes);
  if (!phone.ok) return phone;
  const member = await ctx.services.directory.memberForSecurePhone(dir, accountId, ctx.memo);
  if (!member.ok) return member;
  return ok({ dir, phone: phone.value, member: member.value });
}
