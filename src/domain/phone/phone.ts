import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Site } from '../../config/settings.js';
import { callingCodeRefusal, numberTypeReason, type CallingCodePolicy } from './policy.js';

/** A secure mobile phone number, validated. */
export interface Phone {
  /** E.164, the stored form: +12025550123 */
  e164: string;
  callingCode: string;
  national: string;
  /** Alibaba's wire form: 1-2025550123 */
  display: string;
}

const WIRE_FORM = /^(\d{1,3})-(\d{4,15})$/;
const MOBILE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE']);

/**
 * Parses `<country code>-<number>` as the API takes it.
 * Failures: InvalidParameter.SecureMobilePhone (400) for the wrong shape or a number that is not a
 * possible mobile number for its calling code; InvalidParameter.MobileCountryCode (409) when the
 * site does not serve the calling code (intl refuses 86, china accepts only 86) or no country uses it.
 */
export function parseSecurePhone(raw: string, site: Site, codes?: CallingCodePolicy): Result<Phone, ApiFailure> {
  const m = WIRE_FORM.exec(raw);
  if (!m) {
    return err(
      failure(
        'InvalidParameter.SecureMobilePhone',
        `The SecureMobilePhone parameter "${clip(raw)}" is not in the <country code>-<mobile phone number> format, ` +
          `for example 1-2025550123.`,
      ),
    );
  }
  const callingCode = m[1]!;
  const digits = m[2]!;
  if (site === 'intl' && callingCode === '86') {
    return err(
      failure(
        'InvalidParameter.MobileCountryCode',
        'The current site does not support the country code 86. Mobile phone numbers of the Chinese mainland are ' +
          'not supported on the international site.',
      ),
    );
  }
  if (site === 'china' && callingCode !== '86') {
    return err(
      failure(
        'InvalidParameter.MobileCountryCode',
        `The current site does not support the country code ${callingCode}. Only 86 is supported on the China site.`,
      ),
    );
  }
  const parsed = parsePhoneNumberFromString(`+${callingCode}${digits}`);
  if (!parsed || parsed.countryCallingCode !== callingCode) {
    return err(
      failure(
        'InvalidParameter.MobileCountryCode',
        `The current site does not support the country code ${callingCode}.`,
      ),
    );
  }
  const refused = codes ? callingCodeRefusal(callingCode, codes) : undefined;
  if (refused) return err(refused);
  const type = parsed.getType();
  if (!parsed.isValid() || type === undefined || !MOBILE_TYPES.has(type)) {
    const why = numberTypeReason(parsed.isValid() ? type : undefined);
    return err(
      failure(
        'InvalidParameter.SecureMobilePhone',
        `The SecureMobilePhone parameter "${callingCode}-${digits}" is not a valid mobile phone number for country ` +
          `code ${callingCode}: ${why}. Specify it in the <country code>-<mobile phone number> format, for ` +
          `example 1-2025550123.`,
      ),
    );
  }
  const national = String(parsed.nationalNumber);
  return ok({ e164: parsed.number, callingCode, national, display: `${callingCode}-${national}` });
}

/**
 * Reads a number given either as `<cc>-<number>` or E.164 (for the inbox filter) into E.164,
 * without any site or type rule. Undefined when it is neither.
 */
export function toE164Loose(raw: string): string | undefined {
  const m = WIRE_FORM.exec(raw);
  const candidate = m ? `+${m[1]}${m[2]}` : /^\+\d{5,18}$/.test(raw) ? raw : undefined;
  if (!candidate) return undefined;
  return parsePhoneNumberFromString(candidate)?.number ?? candidate;
}

/** Masks a number for logs and audit: 1-202****123 (keeps calling code, 3 leading and 3 trailing digits). */
export function maskPhone(p: Pick<Phone, 'callingCode' | 'national'>): string {
  const n = p.national;
  if (n.length <= 6) return `${p.callingCode}-${'*'.repeat(n.length)}`;
  return `${p.callingCode}-${n.slice(0, 3)}${'*'.repeat(n.length - 6)}${n.slice(-3)}`;
}

function clip(s: string): string {
  return s.length > 32 ? `${s.slice(0, 32)}…` : s;
}
