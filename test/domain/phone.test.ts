import { describe, expect, it } from 'vitest';
import { maskPhone, parseSecurePhone, toE164Loose } from '../../src/domain/phone/phone.js';

describe('parseSecurePhone', () => {
  it.each([
    ['1-2025550123', 'intl', '+12025550123', '1-2025550123'],
    ['65-91234567', 'intl', '+6591234567', '65-91234567'],
    ['852-91234567', 'intl', '+85291234567', '852-91234567'],
    ['86-13900001234', 'china', '+8613900001234', '86-13900001234'],
  ] as const)('accepts %s on %s', (raw, site, e164, display) => {
    const r = parseSecurePhone(raw, site);
    expect(r).toEqual({ ok: true, value: expect.objectContaining({ e164, display }) });
  });

  it.each([
    ['2025550123', 'InvalidParameter.SecureMobilePhone'],
    ['+1-2025550123', 'InvalidParameter.SecureMobilePhone'],
    ['1 2025550123', 'InvalidParameter.SecureMobilePhone'],
    ['1-abc', 'InvalidParameter.SecureMobilePhone'],
    ['', 'InvalidParameter.SecureMobilePhone'],
    ['1-8005551234', 'InvalidParameter.SecureMobilePhone'], // toll-free, not a mobile
    ['1-202555012', 'InvalidParameter.SecureMobilePhone'], // too short
    ['86-13900001234', 'InvalidParameter.MobileCountryCode'], // intl refuses 86
    ['999-12345678', 'InvalidParameter.MobileCountryCode'], // no country has 999
  ])('refuses %s on intl with %s', (raw, code) => {
    const r = parseSecurePhone(raw, 'intl');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });

  it('china accepts only 86', () => {
    const r = parseSecurePhone('1-2025550123', 'china');
    expect(r.ok ? 'ok' : r.error.code).toBe('InvalidParameter.MobileCountryCode');
  });

  it('names the expected form in the message', () => {
    const r = parseSecurePhone('12025550123', 'intl');
    expect(r.ok ? '' : r.error.message).toContain('<country code>-<mobile phone number>');
  });
});

describe('maskPhone / toE164Loose', () => {
  it('masks the middle digits', () => {
    expect(maskPhone({ callingCode: '1', national: '2025550123' })).toBe('1-202****123');
    expect(maskPhone({ callingCode: '65', national: '91234567' })).toBe('65-912**567');
    expect(maskPhone({ callingCode: '1', national: '12345' })).toBe('1-*****');
  });
  it('reads both the wire form and E.164', () => {
    expect(toE164Loose('1-2025550123')).toBe('+12025550123');
    expect(toE164Loose('+12025550123')).toBe('+12025550123');
    expect(toE164Loose('2025550123')).toBeUndefined();
    expect(toE164Loose('+1 202')).toBeUndefined();
  });
});
