import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, type Result } from '../../lib/result.js';
import { parseSecurePhone, type Phone } from '../../domain/phone/phone.js';
import type { OpContext } from '../define.js';

/**
 * The phone of the EnableRD flow: the given one (format and site rules as for the bind code), or
 * else the calling account's own secure phone. Failures: those of parseSecurePhone,
 * MissingSecureMobilePhone (409) when neither exists.
 */
export async function enableRdPhone(ctx: OpContext, given: string | undefined): Promise<Result<Phone, ApiFailure>> {
  let raw = given;
  if (raw === undefined) {
    const own = (await ctx.services.lifecycle.directories.account(ctx.principal.accountId))?.secure_mobile_phone;
    const p = own ? parsePhoneNumberFromString(own) : undefined;
    if (!p) return err(failure('MissingSecureMobilePhone'));
    raw = `${p.countryCallingCode}-${p.nationalNumber}`;
  }
  return parseSecurePhone(raw, ctx.services.site, ctx.services.callingCodes);
}

export const ENABLE_RD_PHONE_ERRORS = [
  'InvalidParameter.SecureMobilePhone',
  'InvalidParameter.MobileCountryCode',
  'MissingSecureMobilePhone',
] as const;
