/** Random junk must never make the protocol layer throw (seeded, so failures reproduce). */
import { describe, expect, it } from 'vitest';
import { parseRpcRequest, readIndexedList, type WireRequest } from '../../src/protocol/request.js';
import { acs3CanonicalRequest, acs3StringToSign, verifyAcs3 } from '../../src/protocol/signers/acs3.js';
import { v1StringToSign, verifyV1 } from '../../src/protocol/signers/v1.js';
import { authenticate } from '../../src/protocol/authenticate.js';
import { ManualClock } from '../../src/lib/clock.js';
import { rng } from './fixtures.js';

const TOKENS = [
  '%',
  '%4',
  '%zz',
  '%E4',
  '%B8%AD',
  '%C3%28',
  '%ED%A0%80',
  '%00',
  '%FF',
  '%7e',
  '&',
  '&&',
  '=',
  '==',
  '+',
  '?',
  '#',
  ' ',
  '/',
  'Action',
  'Version',
  'Signature',
  'SignatureMethod',
  'HMAC-SHA1',
  'Timestamp',
  'SignatureNonce',
  'AccessKeyId',
  'Format',
  'Tag.1.Key',
  'Tag.0',
  'Tag.x.',
  'Name.2',
  '__proto__',
  'constructor',
  'toString',
  '中',
  '\uD800',
  '\uDFFF',
  '😀',
  '~',
  'a',
  '1',
  '2026-11-29T09:47:50Z',
  'ACS3-',
  'ACS3-HMAC-SHA256',
  'ACS3-HMAC-SM3',
  ' Credential=',
  ',SignedHeaders=',
  'host;x-acs-date',
  ',Signature=',
  ';',
];
const HEADER_NAMES = [
  'Authorization',
  'authorization',
  'host',
  'content-type',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
  'x-acs-accesskey-id',
  'user-agent',
  '',
  'X-ACS-DATE',
];

function junk(r: () => number, max: number): string {
  let s = '';
  const n = Math.floor(r() * max);
  for (let i = 0; i < n; i++) {
    s += r() < 0.8 ? (TOKENS[Math.floor(r() * TOKENS.length)] ?? '') : String.fromCharCode(Math.floor(r() * 0x10000));
  }
  return s;
}

function randomRequest(r: () => number): WireRequest {
  const headers: Array<[string, string]> = [];
  const count = Math.floor(r() * 10);
  for (let i = 0; i < count; i++) headers.push([HEADER_NAMES[Math.floor(r() * HEADER_NAMES.length)] ?? '', junk(r, 8)]);
  if (r() < 0.5) headers.push(['content-type', r() < 0.8 ? 'application/x-www-form-urlencoded' : junk(r, 3)]);
  if (r() < 0.5) headers.push(['Authorization', `ACS3-HMAC-SHA256 ${junk(r, 10)}`]);
  const body =
    r() < 0.5
      ? Buffer.from(junk(r, 20), 'utf8')
      : Buffer.from(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 256)));
  const method = ['GET', 'POST', 'PUT', 'get', '', junk(r, 2)][Math.floor(r() * 6)] ?? 'GET';
  const url = r() < 0.9 ? `/${junk(r, 3)}?${junk(r, 25)}` : junk(r, 10);
  return { method, url, headers, body };
}

describe('fuzz', () => {
  it('parseRpcRequest, the verifiers and readIndexedList never throw', async () => {
    const r = rng(20261129);
    const deps = {
      clock: new ManualClock(Date.parse('2026-11-29T09:47:50Z')),
      windowMs: 900_000,
      lookupKey: async () => ({ secret: 's', active: true }),
      claimNonce: async () => true,
    };
    for (let i = 0; i < 4000; i++) {
      const w = randomRequest(r);
      const context = JSON.stringify({ i, method: w.method, url: w.url });
      try {
        verifyAcs3(w, 's');
        verifyV1(w, 's');
        acs3CanonicalRequest(w);
        acs3StringToSign(w);
        v1StringToSign(w);
        const parsed = parseRpcRequest(w);
        if (parsed.ok) {
          readIndexedList(parsed.value.params, 'Tag');
          readIndexedList(parsed.value.params, 'Name');
          await authenticate(w, parsed.value, deps);
        }
      } catch (e) {
        expect.fail(`threw on ${context}: ${String(e)}`);
      }
    }
  });

  it('junk around a valid V1 shape still parses or fails cleanly', () => {
    const r = rng(7);
    const base =
      'Action=GetAccount&Version=2022-04-19&AccessKeyId=AK&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&' +
      'Timestamp=t&SignatureNonce=n&Signature=s';
    let ok = 0;
    for (let i = 0; i < 2000; i++) {
      const res = parseRpcRequest({
        method: 'GET',
        url: `/?${base}&${junk(r, 4)}`,
        headers: [],
        body: Buffer.alloc(0),
      });
      if (res.ok) ok++;
      else expect(typeof res.error.code).toBe('string');
    }
    expect(ok).toBeGreaterThan(0);
  });
});
