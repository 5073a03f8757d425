/** TOTP (RFC 6238 appendix B vectors, SHA-1, truncated to 6 digits) and Base32 (RFC 4648 §10). */
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSeed, stepOf, totpAt } from '../../src/domain/ram/totp.js';

const SEED = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at %i s the code is %s', (seconds, code) => {
    expect(totpAt(SEED, stepOf(seconds * 1000))).toBe(code);
  });

  it('Base32 round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    const seed = newTotpSeed();
    expect(seed).toMatch(/^[A-Z2-7]{64}$/);
    expect(base32Encode(base32Decode(seed))).toBe(seed);
  });
});
