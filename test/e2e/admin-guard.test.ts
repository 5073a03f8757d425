/**
 * The /_resdir/ guard over HTTP. Production mode: every endpoint but health needs the admin token,
 * even from loopback (a reverse proxy on the same host makes every client look local); health is
 * open. Development: loopback clients are served. Tokens are compared in constant time (hashes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { tokenMatches } from '../../src/http/admin-guard.js';

const TOKEN = 'admin-token-0123456789abcdef';
const PRODUCTION = {
  RESDIR_MODE: 'production',
  RESDIR_TLS: 'off',
  RESDIR_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
  RESDIR_SMS_PROVIDER: 'webhook',
  RESDIR_SMS_WEBHOOK_URL: 'https://sms.example/hook',
  RESDIR_SMS_WEBHOOK_SECRET: 'sixteen-chars-secret',
};
const GUARDED: Array<[string, string]> = [
  ['GET', '/_resdir/sms'],
  ['DELETE', '/_resdir/sms'],
  ['GET', '/_resdir/mail'],
  ['DELETE', '/_resdir/mail'],
  ['GET', '/_resdir/metrics'],
];

const status = async (h: Harness, method: string, path: string, token?: string): Promise<number> =>
  (
    await fetch(`${h.url}${path}`, {
      method,
      ...(token !== undefined ? { headers: { authorization: `Bearer ${token}` } } : {}),
    })
  ).status;

describe('production mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startResdir({ env: { ...PRODUCTION, RESDIR_ADMIN_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a loopback client without the token on every endpoint but health', async () => {
    for (const [method, path] of GUARDED) {
      expect(await status(h, method, path), `${method} ${path}`).toBe(403);
      expect(await status(h, method, path, 'wrong'), `${method} ${path} wrong token`).toBe(403);
      expect(await status(h, method, path, `${TOKEN}x`), `${method} ${path} longer token`).toBe(403);
      expect(await status(h, method, path, TOKEN.slice(0, -1)), `${method} ${path} prefix`).toBe(403);
    }
    expect(await status(h, 'GET', '/_resdir/health')).toBe(200);
  });

  it('serves a client presenting the token', async () => {
    expect(await status(h, 'GET', '/_resdir/sms', TOKEN)).toBe(200);
    expect(await status(h, 'GET', '/_resdir/metrics', TOKEN)).toBe(200);
    expect(await status(h, 'DELETE', '/_resdir/sms', TOKEN)).toBe(204);
    expect(await status(h, 'GET', '/_resdir/mail', TOKEN)).toBe(200);
    expect(await status(h, 'DELETE', '/_resdir/mail', TOKEN)).toBe(204);
  });
});

describe('production mode without a token', () => {
  it('closes every endpoint but health', async () => {
    const h = await startResdir({ env: PRODUCTION });
    try {
      for (const [method, path] of GUARDED) expect(await status(h, method, path), path).toBe(403);
      expect(await status(h, 'GET', '/_resdir/health')).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('development mode', () => {
  it('serves loopback clients', async () => {
    const h = await startResdir();
    try {
      for (const [method, path] of GUARDED) expect(await status(h, method, path), path).toBeLessThan(300);
      expect(await status(h, 'GET', '/_resdir/health')).toBe(200);
    } finally {
      await h.close();
    }
  });
});

describe('token comparison', () => {
  it('matches only the exact token, whatever the lengths, without throwing', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    for (const t of ['', 'a', TOKEN.slice(0, -1), `${TOKEN} `, TOKEN.toUpperCase(), 'x'.repeat(10_000)])
      expect(tokenMatches(t, TOKEN)).toBe(false);
  });
});
