import { randomInt } from 'node:crypto';
import { equalHex, hmacHex } from '../../lib/crypto.js';

export const CODE_DIGITS = 6;
export const BIND_PHONE_PURPOSE = 'bind-secure-mobile-phone';

/** A fresh code from the CSPRNG: CODE_DIGITS decimal digits, leading zeros kept. */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

export const looksLikeCode = (s: string): boolean => s.length === CODE_DIGITS && /^\d+$/.test(s);

/**
 * The only stored form of a code: an HMAC bound to what it was issued for, so a code sent for
 * one (purpose, account, phone) can never verify for another.
 */
export function codeMac(key: Buffer, purpose: string, accountId: string, phoneE164: string, code: string): string {
  return hmacHex(key, `${purpose}\n${accountId}\n${phoneE164}\n${code}`);
}

/** Constant-time check of a presented code against the stored MAC. */
export function codeMatches(
  key: Buffer,
  storedMac: string,
  purpose: string,
  accountId: string,
  phoneE164: string,
  code: string,
): boolean {
  return equalHex(codeMac(key, purpose, accountId, phoneE164, code), storedMac);
}
