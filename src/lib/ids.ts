import { randomFillSync, randomUUID } from 'node:crypto';

/**
 * Random bytes from a pooled CSPRNG buffer: one randomFillSync of POOL_SIZE bytes serves many ids
 * (a system call per id costs more than the id). Bytes are handed out once and never reused.
 */
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

function refill(): void {
  randomFillSync(pool);
  offset = 0;
}

/** `n` (≤ POOL_SIZE) fresh random bytes as lower-case hex. */
export function randomHex(n: number): string {
  if (offset + n > POOL_SIZE) refill();
  const s = pool.toString('hex', offset, offset + n);
  offset += n;
  return s;
}

/** `n` (≤ POOL_SIZE) fresh random bytes, as a buffer of their own (e.g. an AES-GCM nonce). */
export function randomBuffer(n: number): Buffer {
  if (offset + n > POOL_SIZE) refill();
  const b = Buffer.from(pool.subarray(offset, offset + n));
  offset += n;
  return b;
}

/** One fresh random byte. */
function randomByte(): number {
  if (offset >= POOL_SIZE) refill();
  return pool[offset++]!;
}

/** `n` characters drawn uniformly from `alphabet` (≤ 256 symbols): bytes ≥ the largest multiple are rejected. */
function pick(alphabet: string, n: number): string {
  const size = alphabet.length;
  const limit = 256 - (256 % size);
  let s = '';
  while (s.length < n) {
    const b = randomByte();
    if (b < limit) s += alphabet[b % size];
  }
  return s;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM_MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';

/** Alibaba-style request id: an upper-case UUID (node:crypto pools its UUID randomness itself). */
export const newRequestId = (): string => randomUUID().toUpperCase();
/** A 16-digit account id that does not start with 0. */
export const newAccountId = (): string => pick('123456789', 1) + pick(DIGITS, 15);
export const newDirectoryId = (): string => `rd-${pick(ALNUM, 6)}`;
export const newRootFolderId = (): string => `r-${pick(ALNUM, 6)}`;
export const newFolderId = (): string => `fd-${pick(ALNUM_MIXED, 10)}`;
/** A custom control policy: cp- and 16 mixed-case letters and digits. */
export const newControlPolicyId = (): string => `cp-${pick(ALNUM_MIXED, 16)}`;
/** A message contact: `c-` and 16 mixed-case letters and digits (as `c-qL4HqKONzOM7****`). */
export const newMessageContactId = (): string => `c-${pick(ALNUM_MIXED, 16)}`;
export const newAccessKeyId = (): string => `LTAI5t${pick(ALNUM_MIXED, 18)}`;
export const newAccessKeySecret = (): string => pick(ALNUM_MIXED, 30);
export const newRamUserId = (): string => pick('123456789', 1) + pick(DIGITS, 15);

/** Sortable by creation time (12 hex digits of milliseconds), then 16 random hex digits. */
export function timeOrderedId(nowMs: number): string {
  return nowMs.toString(16).padStart(12, '0') + randomHex(8);
}
