import { failure, type ApiFailure } from '../../errors/catalog.js';

/**
 * The operator's calling-code policy, applied after the site rule: `allowed` null means every
 * code libphonenumber knows; `denied` wins over `allowed`.
 */
export interface CallingCodePolicy {
  allowed: readonly string[] | null;
  denied: readonly string[];
}

/** InvalidParameter.MobileCountryCode (409, as for the site rule) when the policy refuses the code. */
export function callingCodeRefusal(callingCode: string, p: CallingCodePolicy): ApiFailure | undefined {
  if (p.denied.includes(callingCode) || (p.allowed !== null && !p.allowed.includes(callingCode))) {
    return failure(
      'InvalidParameter.MobileCountryCode',
      `The country code ${callingCode} is not accepted by this service's country policy.`,
    );
  }
  return undefined;
}

const TYPE_REASONS: Record<string, string> = {
  FIXED_LINE: 'it is a fixed-line number',
  PREMIUM_RATE: 'it is a premium-rate number',
  SHARED_COST: 'it is a shared-cost number',
  TOLL_FREE: 'it is a toll-free number',
  VOIP: 'it is a VoIP number',
  PAGER: 'it is a pager number',
  PERSONAL_NUMBER: 'it is a personal (forwarding) number',
  UAN: 'it is a universal access number',
  VOICEMAIL: 'it is a voicemail access number',
};

/** Why a number that is not MOBILE / FIXED_LINE_OR_MOBILE is refused, in words for the message. */
export function numberTypeReason(type: string | undefined): string {
  if (type === undefined) return 'it is not a valid number';
  return TYPE_REASONS[type] ?? 'it is not a mobile number';
}
