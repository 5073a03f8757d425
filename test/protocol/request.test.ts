import { describe, expect, it } from 'vitest';
import { parseRpcRequest, readIndexedList, type WireRequest } from '../../src/protocol/request.js';
import { pct } from '../../src/protocol/canonical.js';
import { v1CanonicalizedQuery, verifyV1, v1StringToSign } from '../../src/protocol/signers/v1.js';
import { createHmac } from 'node:crypto';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const SIGNED = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';

/** A well-formed (not validly signed) ACS3 request; `drop`/`set` adjust headers by lower-case name. */
function acs3(
  opts: { drop?: string[]; set?: Record<string, string>; url?: string; method?: string } = {},
): WireRequest {
  const base: Record<string, string> = {
    host: 'resourcemanager.aliyuncs.com',
    'x-acs-action': 'GetAccount',
    'x-acs-version': '2020-03-31',
    'x-acs-date': '2026-11-29T09:47:50Z',
    'x-acs-signature-nonce': 'n1',
    'x-acs-content-sha256': EMPTY_SHA256,
    authorization: `ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=${SIGNED},Signature=abc`,
    ...opts.set,
  };
  for (const d of opts.drop ?? []) delete base[d];
  return {
    method: opts.method ?? 'POST',
    url: opts.url ?? '/?AccountId=1',
    headers: Object.entries(base),
    body: Buffer.alloc(0),
  };
}

const V1_COMMON: Record<string, string> = {
  Action: 'GetAccount',
  Version: '2022-04-19',
  Format: 'JSON',
  AccessKeyId: 'AK1',
  SignatureMethod: 'HMAC-SHA1',
  SignatureVersion: '1.0',
  SignatureNonce: 'n1',
  Timestamp: '2026-11-29T09:47:50Z',
  Signature: 'c2ln',
};

/** A V1 GET with the common parameters (minus `drop`, plus `set`) and `extra` raw query text. */
function v1(
  opts: { drop?: string[]; set?: Record<string, string>; extra?: string; method?: string } = {},
): WireRequest {
  const p = { ...V1_COMMON, ...opts.set };
  for (const d of opts.drop ?? []) delete p[d];
  const query = Object.entries(p)
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .concat(opts.extra ? [opts.extra] : [])
    .join('&');
  return { method: opts.method ?? 'GET', url: `/?${query}`, headers: [['host', 'x']], body: Buffer.alloc(0) };
}

const form = (w: WireRequest, body: string): WireRequest => ({
  ...w,
  method: 'POST',
  headers: [...w.headers, ['content-type', 'application/x-www-form-urlencoded; charset=UTF-8']],
  body: Buffer.from(body),
});

function fails(w: WireRequest): { code: string; message: string } {
  const r = parseRpcRequest(w);
  if (r.ok) throw new Error('expected a parse failure');
  return { code: r.error.code, message: r.error.message ?? '' };
}

const mandatory = (name: string) =>
  `The input parameter "${name}" that is mandatory for processing this request is not supplied.`;

describe('parseRpcRequest: failures', () => {
  it('rejects methods other than GET and POST', () => {
    for (const method of ['PUT', 'DELETE', 'get', 'PATCH', ''])
      expect(fails(v1({ method })).code).toBe('UnsupportedHTTPMethod');
  });

  it('rejects an unsigned request', () => {
    const r = fails({
      method: 'GET',
      url: '/?Action=GetAccount&Version=2022-04-19',
      headers: [],
      body: Buffer.alloc(0),
    });
    expect(r.code).toBe('IncompleteSignature');
    expect(r.message).toMatch(/not signed/);
  });

  it('rejects malformed ACS3 Authorization values', () => {
    for (const authorization of [
      'ACS3-HMAC-SHA256',
      'ACS3-HMAC-SHA256 ',
      'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host',
      'ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=x',
      'ACS3-HMAC-SHA256 SignedHeaders=host,Signature=x',
    ]) {
      expect(fails(acs3({ set: { authorization } })).code, authorization).toBe('IncompleteSignature');
    }
  });

  it('rejects unknown signature algorithms', () => {
    for (const alg of ['ACS3-RSA-SHA256', 'ACS3-HMAC-SHA1', 'ACS3-hmac-sha256', 'ACS3-']) {
      const authorization = `${alg} Credential=AK1,SignedHeaders=${SIGNED},Signature=abc`;
      expect(fails(acs3({ set: { authorization } })).code, alg).toBe('InvalidSignatureMethod');
    }
    expect(fails(acs3({ set: { authorization: 'ACS4-HMAC-SHA256 Credential=x' } })).code).toBe(
      'InvalidSignatureMethod',
    );
    expect(fails(v1({ set: { SignatureMethod: 'HMAC-SHA256' } })).code).toBe('InvalidSignatureMethod');
  });

  it('names missing mandatory parameters', () => {
    for (const name of [
      'Action',
      'Version',
      'AccessKeyId',
      'Timestamp',
      'SignatureNonce',
      'SignatureMethod',
      'SignatureVersion',
    ]) {
      expect(fails(v1({ drop: [name] })), name).toEqual({ code: 'MissingParameter', message: mandatory(name) });
    }
    expect(fails(v1({ set: { Action: '' } }))).toEqual({ code: 'MissingParameter', message: mandatory('Action') });
    expect(fails(acs3({ drop: ['x-acs-action'] }))).toEqual({ code: 'MissingParameter', message: mandatory('Action') });
    expect(fails(acs3({ drop: ['x-acs-version'] }))).toEqual({
      code: 'MissingParameter',
      message: mandatory('Version'),
    });
    for (const header of ['x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
      expect(fails(acs3({ drop: [header] })), header).toEqual({ code: 'MissingParameter', message: mandatory(header) });
    }
  });

  it('requires the protocol headers to be signed', () => {
    const authorization = 'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host;x-acs-date,Signature=abc';
    expect(fails(acs3({ set: { authorization } })).code).toBe('IncompleteSignature');
    const token = acs3({ set: { 'x-acs-security-token': 'tok' } }); // present but not in SignedHeaders
    expect(fails(token)).toEqual({
      code: 'IncompleteSignature',
      message: 'The header "x-acs-security-token" must be listed in SignedHeaders.',
    });
  });

  it('rejects repeated parameters in the query, the body or across both', () => {
    expect(fails(v1({ extra: 'AccountId=1&AccountId=2' })).message).toMatch(/"AccountId".*more than once/);
    expect(fails(v1({ extra: 'Action=Other' })).message).toMatch(/"Action"/);
    expect(fails(form(v1({ extra: 'AccountId=1' }), 'AccountId=2')).code).toBe('InvalidParameter');
    expect(fails(form(acs3(), 'A=1&A=1')).code).toBe('InvalidParameter');
    expect(fails(acs3({ set: { 'x-acs-action': 'GetAccount' }, url: '/?AccountId=1&AccountId=1' })).code).toBe(
      'InvalidParameter',
    );
  });

  it('still lets the V1 verifier see every repeated pair', () => {
    const w = v1({ drop: ['Signature'], extra: 'AccountId=1&AccountId=2' });
    expect(v1CanonicalizedQuery(w)).toContain('AccountId=1&AccountId=2');
    const sig = createHmac('sha1', 's&')
      .update(v1StringToSign(w) ?? '')
      .digest('base64');
    const signed = { ...w, url: `${w.url}&Signature=${pct(sig)}` };
    expect(verifyV1(signed, 's')).toBe(true);
    expect(fails(signed).code).toBe('InvalidParameter');
  });

  it('rejects bad percent-encoding and bad UTF-8', () => {
    for (const extra of ['A=%', 'A=%4', 'A=%zz', 'A=%C3%28', 'A=%ED%A0%80', '%G1=x', 'A=\uD800']) {
      expect(fails(v1({ extra })).code, extra).toBe('InvalidParameter');
    }
    expect(fails(form(v1(), 'A=%E4%B8')).code).toBe('InvalidParameter');
    expect(fails({ ...form(v1(), ''), body: Buffer.from([0x41, 0x3d, 0xff]) }).code).toBe('InvalidParameter');
  });

  it('rejects other shapes', () => {
    expect(fails(v1({ set: { Format: 'XML' } })).code).toBe('InvalidParameter.Format');
    expect(fails(v1({ set: { SignatureVersion: '2.0' } })).code).toBe('InvalidParameter');
    expect(fails(v1({ set: { Signature: '' } })).code).toBe('IncompleteSignature');
    expect(fails(v1({ extra: '=x' })).code).toBe('InvalidParameter');
    expect(fails(acs3({ set: { 'x-acs-accesskey-id': 'OTHER' } })).code).toBe('InvalidParameter');
    const twice = acs3();
    expect(fails({ ...twice, headers: [...twice.headers, ['X-Acs-Date', '2026-11-29T09:47:51Z']] }).code).toBe(
      'InvalidParameter',
    );
    expect(fails({ ...twice, headers: [...twice.headers, ['Authorization', 'ACS3-HMAC-SHA256 x']] }).code).toBe(
      'IncompleteSignature',
    );
  });
});

describe('parseRpcRequest: success shapes', () => {
  it('decodes + as a space in query and form, and keeps common parameters out of params', () => {
    const r = parseRpcRequest(form(v1({ extra: 'Q=a+b%2Bc' }), 'F=x+y&SecurityToken=t'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect({ ...r.value.params }).toEqual({ Q: 'a b+c', F: 'x y' });
    expect(r.value.credentials).toEqual({
      scheme: 'V1-HMAC-SHA1',
      accessKeyId: 'AK1',
      securityToken: 't',
      timestamp: '2026-11-29T09:47:50Z',
      nonce: 'n1',
    });
  });

  it('does not parse non-form bodies and keeps hostile names inert', () => {
    const w = { ...v1({ extra: '__proto__=x&constructor=y', method: 'POST' }), body: Buffer.from('A=1') };
    const r = parseRpcRequest(w);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.value.params).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(r.value.params)).toBeNull();
    expect('A' in r.value.params).toBe(false);
  });

  it('reads ACS3 credentials from headers', () => {
    const r = parseRpcRequest(
      acs3({ set: { authorization: `ACS3-HMAC-SM3 Credential=AK1,SignedHeaders=${SIGNED},Signature=abc` } }),
    );
    expect(r.ok && r.value).toMatchObject({
      method: 'POST',
      action: 'GetAccount',
      version: '2020-03-31',
      credentials: { scheme: 'ACS3-HMAC-SM3', accessKeyId: 'AK1', nonce: 'n1' },
    });
  });
});

describe('readIndexedList', () => {
  const params = (o: Record<string, string>): Record<string, string> => o;
  it('reads objects and scalars in index order', () => {
    expect(
      readIndexedList(params({ 'Tag.2.Key': 'c', 'Tag.1.Value': 'b', 'Tag.1.Key': 'a', Other: 'z' }), 'Tag'),
    ).toEqual({ ok: true, value: [{ Key: 'a', Value: 'b' }, { Key: 'c' }] });
    expect(readIndexedList(params({ 'Name.2': 'y', 'Name.1': 'x', 'Name2.1': 'q' }), 'Name')).toEqual({
      ok: true,
      value: ['x', 'y'],
    });
    expect(readIndexedList(params({}), 'Name')).toEqual({ ok: true, value: [] });
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`N.${i + 1}`, String(i + 1)]));
    expect(readIndexedList(ten, 'N')).toEqual({ ok: true, value: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] });
  });
  it('rejects bad indices, gaps and mixed shapes', () => {
    const cases: Array<Record<string, string>> = [
      { 'N.x': 'a' },
      { 'N.0': 'a' },
      { 'N.01': 'a' },
      { 'N.2': 'a' },
      { 'N.1': 'a', 'N.3': 'b' },
      { 'N.1': 'a', 'N.2.K': 'b' },
      { 'N.1.': 'a' },
      { 'N.99999999999': 'a' },
    ];
    for (const p of cases) {
      const r = readIndexedList(p, 'N');
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(p)).toBe('InvalidParameter');
    }
  });
});
