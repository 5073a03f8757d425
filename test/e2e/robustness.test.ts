/**
 * Nothing a caller sends may produce a 5xx, a stack trace or a body without Code: unsigned junk
 * at the HTTP level, and signed requests through the official SDK in which ONE parameter is hostile
 * and the others valid, so that the hostile value travels as far as it can. The e2e-postgres
 * project runs the same file on PostgreSQL.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient } from '../support/clients.js';
import { ALL_OPERATIONS } from '../../src/operations/registry.js';
import { prepareHostileWorld, type HostileWorld } from '../support/hostile-world.js';

let h: Harness;
let world: HostileWorld;
beforeAll(async () => {
  h = await startResdir();
  world = await prepareHostileWorld(h);
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
  'a\u0000b',
  '\u202Eevil',
  'line\nbreak',
  'ＡＢＣ',
  'x\u200By',
];

/** A refusal: 4xx, no stack trace, a JSON body with Code and RequestId (an empty body fails). */
function expectAlibabaError(status: number, body: string, what = '') {
  expect(status, what).toBeGreaterThanOrEqual(400);
  expect(status, what).toBeLessThan(500);
  expect(body).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  const parsed = JSON.parse(body) as Record<string, unknown>;
  expect(typeof parsed.Code, what).toBe('string');
  expect(typeof parsed.RequestId, what).toBe('string');
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
            ',SignedHeaders=host;x-acs-action;x-acs-version;x-acs-date;x-acs-signature-nonce;x-acs-content-sha256,' +
            'Signature=ab',
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
      expectAlibabaError(res.status, await res.text(), `${method} ${params.toString().slice(0, 200)}`);
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
        'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ' +
          '10\r\nConnection: close\r\n\r\nabc',
      );
      setTimeout(() => s.end(), 300);
    });
    expect(raw).not.toMatch(/^HTTP\/1\.1 5/);
  });
});

describe('signed hostile parameters, one at a time', () => {
  type SdkFailure = { statusCode?: number; code?: string; data?: Record<string, unknown> };
  // Resource Directory calls by the RAM administrator (Send and Bind refuse the root before
  // validation); every other product by the management account's root, allowed everywhere.
  const clientFor = (product: string) => coreClient(h.host, product === 'ResourceManager' ? h.boot.admin : h.boot.root);
  let n = 0;

  async function call(op: (typeof ALL_OPERATIONS)[number], params: Record<string, string>, version: string) {
    try {
      await clientFor(op.product).call(op.action, params, version);
      return undefined;
    } catch (e) {
      return e as SdkFailure;
    }
  }

  const baseline = (op: (typeof ALL_OPERATIONS)[number], i: number): Record<string, string> => {
    const params: Record<string, string> = {};
    for (const name of op.input.required ?? []) {
      const v = world.valid(op.action, name, i);
      if (v !== undefined) params[name] = v;
    }
    return params;
  };

  it('with every parameter valid, each operation passes validation (the baseline is sound)', async () => {
    for (const op of ALL_OPERATIONS) {
      const all = (op.input.required ?? []).every((name) => world.valid(op.action, name, 0) !== undefined);
      if (!all) continue;
      const i = ++n;
      await world.before(op.action, i);
      const e = await call(op, baseline(op, i), op.versions[0]!);
      expect(e?.code ?? 'OK', op.action).not.toMatch(/^(MissingParameter|InvalidParameter)/);
    }
  });

  it('each declared parameter of each operation, hostile alone, answers below 500 with a code', async () => {
    const r = rng(11);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    let calls = 0;
    for (const op of ALL_OPERATIONS) {
      for (const name of Object.keys(op.input.properties as Record<string, unknown>)) {
        const values = ['a\u0000b', '\u202Eevil', '', ...Array.from({ length: 5 }, () => pick(HOSTILE))];
        for (const hostile of values) {
          const i = ++n;
          await world.before(op.action, i);
          const params = { ...baseline(op, i), [name]: hostile };
          const version = pick(op.versions);
          const e = await call(op, params, version);
          const what = `${op.action} ${version} ${name}=${JSON.stringify(hostile).slice(0, 80)}`;
          if (e) {
            expect(e.statusCode, `${what}: ${e.code}`).toBeGreaterThanOrEqual(400);
            expect(e.statusCode, `${what}: ${e.code}`).toBeLessThan(500);
            expect(typeof e.code, what).toBe('string');
            expect(e.data?.RequestId, what).toBeTypeOf('string');
          }
          // A NUL is refused before anything else, with the parameter's own invalid-value code.
          const codes = op.paramErrors as Record<string, { invalid: string }> | undefined;
          if (hostile.includes('\u0000'))
            expect(e?.code ?? 'OK', what).toBe(codes?.[name]?.invalid ?? 'InvalidParameter');
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(ALL_OPERATIONS.length * 8);
    expect(h.logs.join('')).not.toContain('internal error');
    expect(h.logs.join('')).not.toContain('undeclared error code');
  }, 240_000);
});
