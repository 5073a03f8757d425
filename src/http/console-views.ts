/**
 * The JSON shapes the web console reads: camelCase, ISO times, phone numbers masked, and never a
 * verification code, an AccessKey secret or a sealed payload.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { maskPhone } from '../domain/phone/phone.js';
import type { Account, Member } from '../store/ports.js';
import type { SmsAttempt } from '../store/ports.js';

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** `1-202****123` from E.164; a number libphonenumber cannot read is masked whole but for its last 2 digits. */
export function maskedE164(e164: string | null): string | null {
  if (e164 === null) return null;
  const p = parsePhoneNumberFromString(e164);
  if (p) return maskPhone({ callingCode: p.countryCallingCode, national: String(p.nationalNumber) });
  return `${'*'.repeat(Math.max(0, e164.length - 2))}${e164.slice(-2)}`;
}

/** `<cc>-<national>` (the wire form) from E.164. */
export function wireForm(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  return p ? `${p.countryCallingCode}-${p.nationalNumber}` : e164;
}

export function memberView(m: Member) {
  return {
    accountId: m.account_id,
    directoryId: m.directory_id,
    folderId: m.folder_id,
    displayName: m.display_name,
    accountName: m.account.account_name,
    type: m.type,
    status: m.status,
    joinMethod: m.join_method,
    joinTime: iso(m.join_time),
    modifyTime: iso(m.modify_time),
    securePhone: maskedE164(m.account.secure_mobile_phone),
    securePhoneBoundAt: iso(m.account.secure_mobile_bound_at),
  };
}

export function accountView(a: Account) {
  return { id: a.id, accountName: a.account_name, displayName: a.display_name, createdAt: iso(a.created_at) };
}

export function attemptView(a: SmsAttempt) {
  return {
    attempt: a.attempt,
    provider: a.provider,
    outcome: a.outcome,
    providerMessageId: a.provider_message_id,
    error: a.error,
    startedAt: iso(a.started_at),
    finishedAt: iso(a.finished_at),
  };
}
