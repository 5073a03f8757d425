import { randomInt, randomUUID, randomBytes } from 'node:crypto';

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM_MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Alibaba-style request id: an upper-case UUID. */
export const newRequestId = (): string => randomUUID().toUpperCase();
/** A 16-digit account id that does not start with 0. */
export const newAccountId = (): string => String(randomInt(1, 10)) + pick('0123456789', 15);
export const newDirectoryId = (): string => `rd-${pick(ALNUM, 6)}`;
export const newRootFolderId = (): string => `r-${pick(ALNUM, 6)}`;
export const newFolderId = (): string => `fd-${pick(ALNUM_MIXED, 10)}`;
export const newAccessKeyId = (): string => `LTAI5t${pick(ALNUM_MIXED, 18)}`;
export const newAccessKeySecret = (): string => pick(ALNUM_MIXED, 30);
export const newRamUserId = (): string => String(randomInt(1, 10)) + pick('0123456789', 15);

/** Sortable by creation time (12 hex digits of milliseconds), then random. */
export function timeOrderedId(nowMs: number): string {
  return nowMs.toString(16).padStart(12, '0') + randomBytes(8).toString('hex');
}
