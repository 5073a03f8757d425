/**
 * Nothing a caller sends may produce a 5xx, a stack trace or a body without Code: unsigned junk
 * at the HTTP level, and signed requests with hostile parameter values through the official SDK.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient } from '../support/clients.js';
import { ALL_OPERATIONS } from '../../src/operations/registry.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

// Deterministic pseudo-random source so failures reproduce.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}
const HOSTILE = [
  '',
  ' ',
  '%',
  '%zz',
  '+',
  '\u0000',
  'é',
  '中文',
  '😀',
  "'; drop table accounts; --",
  '<script>',
  '../../etc/passwd',
  'a'.repeat(5000),
  '9'.repeat(40),
  '-1',
  '1e99',
  'null',
  '[]',
  '{}',
  '1-',
  '-2025550123',
  '1--2025550123',
  '0-0000',
  '1-2025550123\n',
  '１-２０２５５５０１２３',
];

function expectAlibabaError(status: number, body: string) {
  expect(status).toBeLessThan(500);
  expect(body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  const parsed = JSON.parse(body) as Record<string, unknown>;
  if (status >= 400) {
    expect(typeof parsed.Code).toBe('string');
    expect(typeof parsed.RequestId).toBe('string');
  }
}

describe('unsigned junk', () => {
  it('random methods, queries, headers and bodies get clean 4xx answers', async () => {
    const r = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    for (let i = 0; i < 150; i++) {
      const params = new URLSearchParams();
      for (let j = 0; j < 1 + Math.floor(r() * 5); j++)
        params.append(
          pick([
            'Action',
            'Version',
            'Signature',
            'AccessKeyId',
            'Timestamp',
            'SignatureNonce',
            'SignatureMethod',
            'AccountId',
            pick(HOSTILE),
          ]),
          pick(HOSTILE),
        );
      const method = pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
      const headers: Record<string, string> = {};
      if (r() < 0.5)
        headers.authorization = pick([
          'ACS3-HMAC-SHA256 ',
          'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=00',
          'ACS3-HMAC-SM3 Credential=,SignedHeaders=,Signature=',
          'Bearer x',
          'ACS3-',
          'ACS3-HMAC-SHA256 Credential=' +
            h.boot.admin.accessKeyId +
            ',SignedHeaders=host;x-acs-action;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256,Signature=ab',
        ]);
      if (r() < 0.5) {
        headers['x-acs-action'] = pick([
          'GetAccount',
          'BindSecureMobilePhone',
          pick(HOSTILE).replace(/[^\x20-\x7e]/g, ''),
        ]);
        headers['x-acs-version'] = pick(['2022-04-19', '2020-03-31', 'x']);
        headers['x-acs-date'] = pick([
          new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          'yesterday',
          '2026-02-30T00:00:00Z',
        ]);
        headers['x-acs-signature-nonce'] = String(r());
        headers['x-acs-content-sha256'] = pick([
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'zz',
        ]);
      }
      let body: string | undefined;
      if (method !== 'GET' && r() < 0.6) {
        headers['content-type'] = pick([
          'application/x-www-form-urlencoded',
          'application/json',
          'text/plain',
          'multipart/form-data; boundary=x',
        ]);
        body = pick([params.toString(), '{"Action":"GetAccount"}', '%%%', 'a=b&a=c', pick(HOSTILE)]);
      }
      const res = await fetch(`${h.url}/?${params.toString()}`, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      const text = await res.text();
      if (method === 'OPTIONS' && text === '') continue;
      expectAlibabaError(res.status, text);
    }
  });

  it('other paths, a body over the limit and a malformed Content-Length get Alibaba-style errors', async () => {
    for (const p of ['/x', '/_resdir', '/?', '//', '/%zz']) {
      const res = await fetch(`${h.url}${p}`);
      expectAlibabaError(res.status, await res.text());
    }
    const big = await fetch(`${h.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `a=${'x'.repeat(2 * 1024 * 1024)}`,
    });
    const bigText = await big.text();
    expectAlibabaError(big.status, bigText);
    expect(JSON.parse(bigText).Code).toBe('Request.BodyTooLarge');

    const port = Number(h.host.split(':')[1]);
    const raw = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('end', () => resolve(out));
      s.on('error', () => resolve(out));
      s.write(
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10\r\nConnection: close\r\n\r\nabc',
      );
      setTimeout(() => s.end(), 300);
    });
    expect(raw).not.toMatch(/^HTTP\/1\.1 5/);
  });
});

describe('signed hostile parameters', () => {
  it('every operation answers hostile values with a 4xx carrying a code', async () => {
    const core = coreClient(h.host, h.boot.admin);
    const r = rng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
    const ops: Record<string, string[]> = {
      SendVerificationCodeForBindSecureMobilePhone: ['AccountId', 'SecureMobilePhone'],
      BindSecureMobilePhone: ['AccountId', 'SecureMobilePhone', 'VerificationCode'],
      CreateResourceAccount: ['DisplayName', 'ParentFolderId', 'AccountNamePrefix'],
      GetAccount: ['AccountId', 'IncludeTags'],
      ListAccounts: ['PageNumber', 'PageSize'],
      GetResourceDirectory: [],
    };
    let refused = 0;
    for (let i = 0; i < 120; i++) {
      const [action, names] = pick(Object.entries(ops));
      const params: Record<string, string> = {};
      for (const n of names)
        if (r() < 0.8)
          params[n] = r() < 0.3 ? (n === 'AccountId' ? h.boot.member.accountId : '1-2025550123') : pick(HOSTILE);
      try {
        await core.call(action, params, pick(['2022-04-19', '2020-03-31']));
      } catch (e) {
        const err = e as { statusCode?: number; code?: string; data?: Record<string, unknown> };
        expect(err.statusCode, `${action} ${JSON.stringify(params)}`).toBeLessThan(500);
        expect(typeof err.code).toBe('string');
        expect(err.data?.RequestId).toBeTypeOf('string');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(h.logs.join('')).not.toContain('internal error');
    expect(h.logs.join('')).not.toContain('undeclared error code');
  });
  it('every operation of every product, fed hostile values for each declared parameter, answers below 500', async () => {
    // Root of the management account: allowed everywhere by policy, so the inputs reach the handlers.
    const clients = [coreClient(h.host, h.boot.root), coreClient(h.host, h.boot.admin)];
    const r = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    let calls = 0;
    for (const op of ALL_OPERATIONS) {
      const names = Object.keys(op.input.properties as Record<string, unknown>);
      for (let i = 0; i < 6; i++) {
        const params: Record<string, string> = {};
        for (const n of names) if (r() < 0.85) params[n] = pick(HOSTILE);
        const version = pick(op.versions);
        try {
          await pick(clients).call(op.action, params, version);
        } catch (e) {
          const err = e as { statusCode?: number; code?: string; data?: Record<string, unknown> };
          expect(err.statusCode, `${op.action} ${version} ${JSON.stringify(params).slice(0, 300)}`).toBeLessThan(500);
          expect(typeof err.code).toBe('string');
        }
        calls++;
      }
    }
    expect(calls).toBe(ALL_OPERATIONS.length * 6);
    expect(h.logs.join('')).not.toContain('internal error');
    expect(h.logs.join('')).not.toContain('undeclared error code');
  });
});
