/** Constant-time string comparison for signatures. */
import { timingSafeEqual } from 'node:crypto';

/**
 * True when `a` and `b` have identical UTF-8 bytes. Lengths are compared first (timingSafeEqual
 * throws on a length mismatch); the length of a signature is not a secret.
 */
export function timingSafeStringEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
