import { describe, expect, it } from 'vitest';
import { authenticate, parseTimestamp, type AuthDeps, type StoredKey } from '../../src/protocol/authenticate.js';
import { parseRpcRequest, type RpcRequest, type WireRequest } from '../../src/protocol/request.js';
import { ManualClock } from '../../src/lib/clock.js';
import { isAcs3, loadVectors, mapHeader, wireOf, type Vector } from './fixtures.js';

const WINDOW = 15 * 60_000;
const vectors = loadVectors();

interface Harness extends AuthDeps {
  clock: ManualClock;
  nonces: Map<string, number>;
  claims: Array<{ accessKeyId: string; nonce: string; expiresAt: number }>;
}

/** `key: null` = the access key id is unknown to the store. */
function harness(v: Vector, key: StoredKey | null = { secret: v.credentials.accessKeySecret, active: true }): Harness {
  const nonces = new Map<string, number>();
  const claims: Harness['claims'] = [];
  return {
    clock: new ManualClock(Date.parse(v.signing.timestamp)),
    windowMs: WINDOW,
    nonces,
    claims,
    lookupKey: async (id) => (id === v.credentials.accessKeyId ? (key ?? undefined) : undefined),
    claimNonce: async (accessKeyId, nonce, expiresAt) => {
      claims.push({ accessKeyId, nonce, expiresAt });
      const k = `${accessKeyId}\n${nonce}`;
      if (nonces.has(k)) return false;
      nonces.set(k, expiresAt);
      return true;
    },
  };
}

function parsed(wire: WireRequest): RpcRequest {
  const p = parseRpcRequest(wire);
  if (!p.ok) throw new Error(`parse failed: ${p.error.code} ${p.error.message ?? ''}`);
  return p.value;
}

const codeOf = (r: Awaited<ReturnType<typeof authenticate>>) => (r.ok ? 'ok' : r.error.code);

describe.each(vectors.map((v) => [v.id, v] as const))('authenticate %s', (_id, v) => {
  const wire = wireOf(v);
  const rpc = parsed(wire);

  it('accepts once, then rejects the replay', async () => {
    const h = harness(v);
    const first = await authenticate(wire, rpc, h);
    expect(first).toEqual({ ok: true, value: rpc.credentials });
    expect(h.claims).toEqual([
      {
        accessKeyId: v.credentials.accessKeyId,
        nonce: v.signing.nonce,
        expiresAt: Date.parse(v.signing.timestamp) + WINDOW,
      },
    ]);
    expect(codeOf(await authenticate(wire, rpc, h))).toBe('SignatureNonceUsed');
  });

  it('enforces a symmetric ±15 minute window', async () => {
    for (const [shift, expected] of [
      [16 * 60_000, 'InvalidTimeStamp.Expired'],
      [-16 * 60_000, 'InvalidTimeStamp.Expired'],
      [WINDOW + 1, 'InvalidTimeStamp.Expired'],
      [WINDOW, 'ok'],
      [-WINDOW, 'ok'],
    ] as const) {
      const h = harness(v);
      h.clock.advance(shift);
      expect(codeOf(await authenticate(wire, rpc, h)), String(shift)).toBe(expected);
      if (expected !== 'ok') expect(h.claims).toHaveLength(0);
    }
  });

  it('remembers the nonce until max(timestamp, now) + window', async () => {
    const h = harness(v);
    h.clock.advance(5 * 60_000);
    await authenticate(wire, rpc, h);
    expect(h.claims[0]?.expiresAt).toBe(h.clock.now() + WINDOW);
  });

  it('rejects unknown and inactive keys', async () => {
    expect(codeOf(await authenticate(wire, rpc, harness(v, null)))).toBe('InvalidAccessKeyId.NotFound');
    const inactive = harness(v, { secret: v.credentials.accessKeySecret, active: false });
    expect(codeOf(await authenticate(wire, rpc, inactive))).toBe('InvalidAccessKeyId.Inactive');
    expect(inactive.claims).toHaveLength(0);
  });

  it('rejects a wrong secret without burning the nonce', async () => {
    const h = harness(v, { secret: 'not-the-secret', active: true });
    const r = await authenticate(wire, rpc, h);
    expect(codeOf(r)).toBe('SignatureDoesNotMatch');
    expect(h.claims).toHaveLength(0);
    if (!r.ok && !isAcs3(v))
      expect(r.error.message).toBe(
        `Specified signature is not matched with our calculation. server string to sign is:${v.signing.stringToSign}`,
      );
    if (!r.ok && isAcs3(v)) expect(r.error.message).toContain(v.signing.stringToSign);
    expect(r.ok ? '' : (r.error.message ?? '')).not.toContain('not-the-secret');
  });
});

describe('authenticate: ordering and failures', () => {
  const v = vectors.find((x) => x.id === 'rm20200331_default_ak_GetAccount');
  if (!v) throw new Error('vector rm20200331_default_ak_GetAccount missing');
  const wire = wireOf(v);
  const rpc = parsed(wire);

  it('checks the timestamp format first', async () => {
    for (const bad of [
      '2026-11-29 09:47:50Z',
      '2026-11-29T09:47:50',
      '2026-11-29T09:47:50+08:00',
      '2026-02-30T09:47:50Z',
      '2026-11-29T24:00:00Z',
      '',
      'now',
    ]) {
      const h = harness(v, null);
      const r = await authenticate(wire, { ...rpc, credentials: { ...rpc.credentials, timestamp: bad } }, h);
      expect(codeOf(r), bad).toBe('InvalidTimeStamp.Format');
    }
  });

  it('checks the window before looking the key up', async () => {
    const h = harness(v, null);
    h.clock.advance(-WINDOW - 1);
    expect(codeOf(await authenticate(wire, rpc, h))).toBe('InvalidTimeStamp.Expired');
  });

  it('reports a payload hash mismatch as SignatureDoesNotMatch', async () => {
    const tampered = mapHeader(wire, 'x-acs-content-sha256', (s) => s.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    const r = await authenticate(tampered, parsed(tampered), harness(v));
    expect(codeOf(r)).toBe('SignatureDoesNotMatch');
    expect(r.ok ? '' : r.error.message).toMatch(/x-acs-content-sha256/);
  });

  it('lets store errors propagate', async () => {
    const down = { ...harness(v), lookupKey: async () => Promise.reject(new Error('store down')) };
    await expect(authenticate(wire, rpc, down)).rejects.toThrow('store down');
    const nonceDown = { ...harness(v), claimNonce: async () => Promise.reject(new Error('nonce store down')) };
    await expect(authenticate(wire, rpc, nonceDown)).rejects.toThrow('nonce store down');
  });

  it('parses timestamps with and without fractional seconds', () => {
    expect(parseTimestamp('2026-11-29T09:47:50Z')).toBe(Date.UTC(2026, 10, 29, 9, 47, 50));
    expect(parseTimestamp('2026-11-29T09:47:50.25Z')).toBe(Date.UTC(2026, 10, 29, 9, 47, 50, 250));
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseTimestamp('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseTimestamp('0050-01-01T00:00:00Z')).toBe(new Date('0050-01-01T00:00:00Z').getTime());
  });
});
