import { describe, expect, it } from 'vitest';
import { renderSms } from '../../src/domain/verification/template.js';
import { encodingFor, segmentCount, smsLength } from '../../src/delivery/encoding.js';

const p = { code: '012345', minutes: 10, purpose: 'bind-secure-mobile-phone' };

describe('SMS templates', () => {
  it('English by default, Chinese for +86; one segment even with an 8-digit code and 3-digit minutes', () => {
    const en = renderSms(p, '+12025550123');
    const zh = renderSms(p, '+8613900001234');
    expect(en).toBe(
      '[resdir] 012345 is your code for binding this number as the secure mobile phone of your Alibaba Cloud ' +
        'account. Valid 10 min. Never share it.',
    );
    expect(zh).toBe('【resdir】验证码012345,用于绑定阿里云账号安全手机,10分钟内有效,请勿泄露。');
    expect([encodingFor(en), encodingFor(zh)]).toEqual(['gsm7', 'ucs2']);
    const worst = { ...p, code: '01234567', minutes: 999 };
    expect(segmentCount(renderSms(worst, '+12025550123'))).toBe(1);
    expect(segmentCount(renderSms(worst, '+8613900001234'))).toBe(1);
  });

  it('a template fills {code} {minutes} {purpose} (in the number’s language) and leaves other braces', () => {
    const t = 'Code {code} ({minutes} min) for {purpose} {other}';
    expect(renderSms(p, '+12025550123', t)).toBe(
      'Code 012345 (10 min) for binding this number as the secure mobile phone of your Alibaba Cloud account {other}',
    );
    expect(renderSms(p, '+8613900001234', t)).toBe('Code 012345 (10 min) for 绑定阿里云账号安全手机 {other}');
    expect(renderSms({ ...p, purpose: 'unknown' }, '+1', '{purpose}')).toBe('verifying this number');
  });
});

describe('SMS encoding and segments', () => {
  it('GSM-7 when every character fits (extension characters count twice), UCS-2 otherwise', () => {
    expect(encodingFor('Hello @ £ € [x]')).toBe('gsm7');
    expect(smsLength('a€[')).toBe(5);
    expect(encodingFor('naïve')).toBe('ucs2');
    expect(encodingFor('验证码')).toBe('ucs2');
  });
  it('segments: 160/153 septets, 70/67 UCS-2 units', () => {
    expect([160, 161, 306, 307].map((n) => segmentCount('a'.repeat(n)))).toEqual([1, 2, 2, 3]);
    expect([70, 71, 134, 135].map((n) => segmentCount('码'.repeat(n)))).toEqual([1, 2, 2, 3]);
  });
});
