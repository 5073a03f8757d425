/** Number types refused with their reason, the calling-code allow/deny policy, and its settings. */
import { describe, expect, it } from 'vitest';
import { parseSecurePhone } from '../../src/domain/phone/phone.js';
import { loadSettings, SettingError } from '../../src/config/settings.js';

describe('number types', () => {
  it.each([
    ['44-9098790000', 'premium-rate'],
    ['33-810123456', 'shared-cost'],
    ['1-8002530000', 'toll-free'],
    ['44-5612345678', 'VoIP'],
    ['44-7640123456', 'pager'],
    ['44-7012345678', 'personal'],
    ['49-30123456', 'fixed-line'],
    ['1-2025550', 'not a valid number'],
  ])('%s is refused with 400 naming %s', (raw, why) => {
    const r = parseSecurePhone(raw, 'intl');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('InvalidParameter.SecureMobilePhone');
    expect(r.error.message).toContain(why);
  });

  it.each(['1-2025550123', '44-7911123456', '61-412345678', '65-91234567'])(
    '%s (mobile or fixed-line-or-mobile) is accepted and kept in E.164',
    (raw) => {
      const r = parseSecurePhone(raw, 'intl');
      expect(r.ok && r.value.e164).toBe(`+${raw.replace('-', '')}`);
    },
  );
});

describe('calling-code policy', () => {
  it('denylist wins, allowlist restricts, and the site rule still comes first', () => {
    const policy = { allowed: ['1', '65'], denied: ['65'] };
    const code = (raw: string) => {
      const r = parseSecurePhone(raw, 'intl', policy);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('1-2025550123')).toBe('ok');
    expect(code('65-91234567')).toBe('InvalidParameter.MobileCountryCode');
    expect(code('44-7911123456')).toBe('InvalidParameter.MobileCountryCode');
    const site = parseSecurePhone('86-13900001234', 'intl', policy);
    expect(site.ok ? '' : site.error.message).toContain('international site');
    // the policy applies before the type check: a denied premium-rate number is refused as denied
    expect(parseSecurePhone('44-9098790000', 'intl', { allowed: null, denied: ['44'] })).toMatchObject({
      ok: false,
      error: { code: 'InvalidParameter.MobileCountryCode' },
    });
  });

  it('settings: * means every code; unknown codes stop start-up with a clear line', () => {
    expect(loadSettings({}, {}).allowedCallingCodes).toBeNull();
    expect(loadSettings({}, { RESDIR_ALLOWED_CALLING_CODES: '1, 65' }).allowedCallingCodes).toEqual(['1', '65']);
    expect(loadSettings({ deniedCallingCodes: '232,225' }, {}).deniedCallingCodes).toEqual(['232', '225']);
    expect(() => loadSettings({}, { RESDIR_DENIED_CALLING_CODES: '999' })).toThrow(SettingError);
    expect(() => loadSettings({}, { RESDIR_DENIED_CALLING_CODES: '+44' })).toThrow(
      /RESDIR_DENIED_CALLING_CODES="\+44": "\+44" is not a calling code/,
    );
  });
});
