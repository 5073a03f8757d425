import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalParams,
  canonicalUri,
  dec,
  isFormBody,
  pairs,
  pct,
  percentDecode,
} from '../../src/protocol/canonical.js';

describe('pct', () => {
  it('leaves only RFC 3986 unreserved characters literal, upper-case hex, UTF-8', () => {
    expect(pct('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(pct(" *!'()/:=&%+")).toBe('%20%2A%21%27%28%29%2F%3A%3D%26%25%2B');
    expect(pct('中')).toBe('%E4%B8%AD');
    expect(pct('😀')).toBe('%F0%9F%98%80');
    expect(pct('\uD800')).toBe('%EF%BF%BD'); // lone surrogate → U+FFFD, no throw
  });
  it('matches the documented JavaScript recipe on printable ASCII and beyond', () => {
    const recipe = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    let all = '';
    for (let c = 0; c < 0x300; c++) all += String.fromCharCode(c);
    expect(pct(all)).toBe(recipe(all));
  });
});

describe('decoding', () => {
  it('decodes either hex case, + as space, and rejects malformed escapes', () => {
    expect(dec('a%7eb%7E+c%2b')).toBe('a~b~ c+');
    expect(percentDecode('a+b', false)).toBe('a+b');
    expect(dec('%e4%b8%ad中')).toBe('中中');
    for (const bad of ['%', '%1', '%1g', '%C3', '%FF', '\uDC00x']) expect(dec(bad), bad).toBeUndefined();
  });
  it('refuses escapes that are not UTF-8: surrogates, overlong forms, truncated sequences', () => {
    for (const bad of ['%ED%A0%80', '%C0%AF', '%E4%B8', '%F4%90%80%80', 'a\uD800', '%uD800'])
      expect(dec(bad), bad).toBeUndefined();
    expect(dec('%EF%BB%BFx')).toBe('\uFEFFx'); // a leading BOM is data, kept
    expect(dec('%25%2B%26')).toBe('%+&'); // decoded once, never twice
  });
  it('splits pairs at the first = and drops empty pieces', () => {
    expect(pairs('&a=1=2&&b&c=&')).toEqual({
      ok: true,
      value: [
        ['a', '1=2'],
        ['b', ''],
        ['c', ''],
      ],
    });
    expect(pairs('x=%zz')).toEqual({ ok: false, error: 'x=%zz' });
  });
});

describe('canonical strings', () => {
  it('sorts by encoded name then value, by character code', () => {
    expect(
      canonicalParams([
        ['b', '2'],
        ['a', 'z'],
        ['B', '1'],
        ['a', 'y'],
        ['a b', ''],
      ]),
    ).toBe('B=1&a=y&a=z&a%20b=&b=2');
  });
  it('canonicalizes paths segment by segment', () => {
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/a b/%7e/c*')).toBe('/a%20b/~/c%2A');
    expect(canonicalUri('/%zz')).toBeUndefined();
  });
  it('builds header lines from the signed list: case-insensitive, trimmed, multi-values sorted', () => {
    const headers = [
      ['Host', ' h:1 '],
      ['X-Acs-B', 'z'],
      ['x-acs-b', ' a '],
      ['x-other', 'o'],
    ] as const;
    expect(canonicalHeaders(headers, ['host', 'x-acs-b', 'x-acs-missing'])).toBe(
      'host:h:1\nx-acs-b:a,z\nx-acs-missing:\n',
    );
  });
  it('recognizes form bodies by content-type prefix', () => {
    expect(isFormBody([['Content-Type', ' Application/X-WWW-Form-Urlencoded;charset=utf-8']])).toBe(true);
    expect(isFormBody([['content-type', 'application/json']])).toBe(false);
    expect(isFormBody([])).toBe(false);
  });
});
