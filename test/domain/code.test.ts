import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeMac, codeMatches, generateCode, looksLikeCode } from '../../src/domain/verification/code.js';
import { renderSms } from '../../src/domain/verification/template.js';

describe('verification codes', () => {
  it('are 6 digits, leading zeros kept, and not constant', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const c = generateCode();
      expect(c).toMatch(/^\d{6}$/);
      seen.add(c);
    }
    expect(seen.size).toBeGreaterThan(1900);
  });
  it('verify only for the same purpose, account, phone and key', () => {
    const key = randomBytes(32);
    const mac = codeMac(key, 'p', '1000000000000002', '+12025550123', '123456');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).not.toContain('123456');
    expect(codeMatches(key, mac, 'p', '1000000000000002', '+12025550123', '123456')).toBe(true);
    expect(codeMatches(key, mac, 'p', '1000000000000002', '+12025550123', '123457')).toBe(false);
    expect(codeMatches(key, mac, 'p', '1000000000000003', '+12025550123', '123456')).toBe(false);
    expect(codeMatches(key, mac, 'p', '1000000000000002', '+12025550124', '123456')).toBe(false);
    expect(codeMatches(key, mac, 'q', '1000000000000002', '+12025550123', '123456')).toBe(false);
    expect(codeMatches(randomBytes(32), mac, 'p', '1000000000000002', '+12025550123', '123456')).toBe(false);
  });
  it('shape check', () => {
    expect(looksLikeCode('012345')).toBe(true);
    expect(looksLikeCode('12345')).toBe(false);
    expect(looksLikeCode('12345a')).toBe(false);
    expect(looksLikeCode('１２３４５６')).toBe(false);
  });
  it('the SMS names the code, the purpose and the validity, in one segment', () => {
    const text = renderSms({ code: '042137', minutes: 10, purpose: 'bind-secure-mobile-phone' });
    expect(text).toContain('042137');
    expect(text).toContain('10 min');
    expect(text).toMatch(/secure mobile phone/);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(/^[\x20-\x7e]+$/); // GSM-7 friendly
  });
});
