/**
 * Certificates for HTTPS: the local development CA (created once, key 0600, shared by concurrent
 * starts, replaced near its end), the server certificate it issues (names, chain, renewal), the
 * operator's certificate files (every bad file stops start-up with one line), and the settings.
 */
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSettings, SettingError, type Settings } from '../../src/config/settings.js';
import { createCa, issueServerCertificate } from '../../src/tls/certificates.js';
import { loadOrCreateLocalCa } from '../../src/tls/local-ca.js';
import { RENEW_DAYS, SERVER_CERT_DAYS, setupTls } from '../../src/tls/setup.js';

const DAY = 86_400_000;
const NOW = Date.now();
const dirs: string[] = [];
const tempDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-tls-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const settingsFor = (env: Record<string, string>): Settings => loadSettings({}, env);

/** The one-line message of a SettingError thrown by `p`. */
async function settingError(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => new Error('expected a SettingError'),
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SettingError);
  const message = (e as Error).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('the local development CA', () => {
  it('is created once in the data dir (key mode 0600, restored if loosened) and reused by later starts', async () => {
    const dir = tempDir();
    const first = await loadOrCreateLocalCa(dir, NOW);
    expect(first.state).toBe('created');
    expect(first.certPath).toBe(path.join(dir, 'ca.pem'));
    expect(fs.statSync(path.join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(new X509Certificate(fs.readFileSync(first.certPath)).ca).toBe(true);
    fs.chmodSync(path.join(dir, 'ca-key.pem'), 0o644);
    const second = await loadOrCreateLocalCa(dir, NOW + DAY);
    expect(fs.statSync(path.join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(second.state).toBe('existing');
    expect(second.ca.certPem).toBe(first.ca.certPem);
    expect(fs.readdirSync(dir).sort()).toEqual(['ca-key.pem', 'ca.pem']);
  });

  it('two starts racing on an empty data dir end up with one CA', async () => {
    const dir = tempDir();
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => loadOrCreateLocalCa(dir, NOW)));
    expect(new Set([a!.ca.certPem, b!.ca.certPem, c!.ca.certPem]).size).toBe(1);
    expect(a!.ca.certPem).toBe(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8'));
    expect(fs.readdirSync(dir).sort()).toEqual(['ca-key.pem', 'ca.pem']);
  });

  it('is replaced when it is within 30 days of its end', async () => {
    const dir = tempDir();
    const old = await loadOrCreateLocalCa(dir, NOW - 3640 * DAY); // ten years minus 3640 days: 10 days left
    const now = await loadOrCreateLocalCa(dir, NOW);
    expect(now.state).toBe('renewed');
    expect(now.ca.certPem).not.toBe(old.ca.certPem);
    expect(now.ca.notAfter).toBeGreaterThan(NOW + 3000 * DAY);
    expect(fs.statSync(path.join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('damaged or mismatched files stop start-up with one line naming the data dir', async () => {
    const dir = tempDir();
    await loadOrCreateLocalCa(dir, NOW);
    const other = await createCa('other', NOW, 10);
    fs.writeFileSync(path.join(dir, 'ca-key.pem'), other.keyPem);
    expect(await settingError(loadOrCreateLocalCa(dir, NOW))).toMatch(/local CA in .* does not match.*delete ca\.pem/);
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'not a certificate');
    expect(await settingError(loadOrCreateLocalCa(dir, NOW))).toContain(dir);
    fs.rmSync(path.join(dir, 'ca-key.pem'));
    expect(await settingError(loadOrCreateLocalCa(dir, NOW))).toMatch(/ca\.pem exists without ca-key\.pem/);
  });
});

describe('the server certificate of the local CA', () => {
  it('covers localhost, 127.0.0.1, ::1 and the configured host, and chains to ca.pem', async () => {
    const dir = tempDir();
    const tls = await setupTls(settingsFor({ RESDIR_DATA_DIR: dir, RESDIR_HOST: 'resdir.test' }), NOW);
    expect(tls?.source).toBe('local-ca');
    const leaf = new X509Certificate(tls!.identity.cert);
    const ca = new X509Certificate(fs.readFileSync(path.join(dir, 'ca.pem')));
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('resdir.test')).toBe('resdir.test');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('example.com')).toBeUndefined();
    expect(tls!.names).toEqual(['localhost', '127.0.0.1', '::1', 'resdir.test']);
    expect(tls!.ca).toEqual({ certPath: path.join(dir, 'ca.pem'), state: 'created' });
  });

  it('is kept in the data dir (key 0600) and reused by a restart; a new listen host gets a new one', async () => {
    const dir = tempDir();
    const first = (await setupTls(settingsFor({ RESDIR_DATA_DIR: dir }), NOW))!;
    expect(fs.statSync(path.join(dir, 'tls-key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'tls-cert.pem'), 'utf8')).toBe(first.identity.cert);
    const again = (await setupTls(settingsFor({ RESDIR_DATA_DIR: dir }), NOW + DAY))!;
    expect(again.identity).toEqual(first.identity);
    expect(again.ca?.state).toBe('existing');
    const moved = (await setupTls(settingsFor({ RESDIR_DATA_DIR: dir, RESDIR_HOST: 'resdir.test' }), NOW + DAY))!;
    expect(moved.identity.cert).not.toBe(first.identity.cert);
    expect(new X509Certificate(moved.identity.cert).checkHost('resdir.test')).toBe('resdir.test');
    const due = (await setupTls(settingsFor({ RESDIR_DATA_DIR: dir, RESDIR_HOST: 'resdir.test' }), NOW + 25 * DAY))!;
    expect(due.identity.cert).not.toBe(moved.identity.cert);
  });

  it('a wildcard listen address adds the machine name', async () => {
    const tls = await setupTls(settingsFor({ RESDIR_DATA_DIR: tempDir(), RESDIR_HOST: '0.0.0.0' }), NOW);
    expect(tls!.names).toEqual(['localhost', '127.0.0.1', '::1', os.hostname()]);
  });

  it(`is renewed ${RENEW_DAYS} days before its end, not earlier`, async () => {
    const tls = (await setupTls(settingsFor({ RESDIR_DATA_DIR: tempDir() }), NOW))!;
    const first = tls.identity;
    expect(tls.notAfter).toBeGreaterThan(NOW + (SERVER_CERT_DAYS - 1) * DAY);
    expect(await tls.renewIfDue(NOW + (SERVER_CERT_DAYS - RENEW_DAYS - 1) * DAY)).toBeUndefined();
    const later = NOW + (SERVER_CERT_DAYS - RENEW_DAYS + 1) * DAY;
    const next = await tls.renewIfDue(later);
    expect(next).toBeDefined();
    expect(next!.cert).not.toBe(first.cert);
    expect(tls.identity).toBe(next);
    expect(tls.notAfter).toBeGreaterThan(later + (SERVER_CERT_DAYS - 1) * DAY);
  });

  it('is absent with RESDIR_TLS=off', async () => {
    const dir = tempDir();
    expect(await setupTls(settingsFor({ RESDIR_DATA_DIR: dir, RESDIR_TLS: 'off' }), NOW)).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("the operator's certificate", () => {
  async function files(dir: string, opts: { days?: number; keyOf?: 'other' } = {}) {
    const ca = await createCa('operator CA', NOW - 400 * DAY, 3650);
    const leaf = await issueServerCertificate(ca, ['api.example'], NOW - 400 * DAY, opts.days ?? 800);
    const other = await issueServerCertificate(ca, ['api.example'], NOW, 10);
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    fs.writeFileSync(cert, leaf.certPem + ca.certPem);
    fs.writeFileSync(key, opts.keyOf === 'other' ? other.keyPem : leaf.keyPem);
    return { RESDIR_DATA_DIR: dir, RESDIR_TLS_CERT: cert, RESDIR_TLS_KEY: key };
  }

  it('is used as given, and no local CA is created', async () => {
    const dir = tempDir();
    const env = await files(dir);
    const tls = await setupTls(settingsFor(env), NOW);
    expect(tls?.source).toBe('operator');
    expect(tls?.identity.cert).toBe(fs.readFileSync(env.RESDIR_TLS_CERT, 'utf8'));
    expect(tls?.ca).toBeUndefined();
    expect(await tls!.renewIfDue(NOW + 1000 * DAY)).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'ca.pem'))).toBe(false);
  });

  it('bad files stop start-up with one line naming the setting', async () => {
    const dir = tempDir();
    const env = await files(dir);
    const missing = { ...env, RESDIR_TLS_CERT: path.join(dir, 'nope.pem') };
    expect(await settingError(setupTls(settingsFor(missing), NOW))).toMatch(/RESDIR_TLS_CERT=.*cannot read the file/);
    fs.writeFileSync(path.join(dir, 'junk.pem'), 'hello');
    const junkCert = { ...env, RESDIR_TLS_CERT: path.join(dir, 'junk.pem') };
    expect(await settingError(setupTls(settingsFor(junkCert), NOW))).toMatch(/RESDIR_TLS_CERT=.*not a PEM certificate/);
    const junkKey = { ...env, RESDIR_TLS_KEY: path.join(dir, 'junk.pem') };
    expect(await settingError(setupTls(settingsFor(junkKey), NOW))).toMatch(/RESDIR_TLS_KEY=.*not an unencrypted PEM/);
    const mismatch = await files(tempDir(), { keyOf: 'other' });
    expect(await settingError(setupTls(settingsFor(mismatch), NOW))).toMatch(/RESDIR_TLS_KEY=.*does not belong/);
    const expired = await files(tempDir(), { days: 30 });
    expect(await settingError(setupTls(settingsFor(expired), NOW))).toMatch(/RESDIR_TLS_CERT=.*expired on/);
  });
});

describe('TLS settings', () => {
  const KEY = Buffer.alloc(32, 7).toString('base64');
  const prod = { RESDIR_MODE: 'production', RESDIR_MASTER_KEY: KEY, RESDIR_SMS_PROVIDER: 'webhook' };
  const hook = { RESDIR_SMS_WEBHOOK_URL: 'https://sms.example/hook', RESDIR_SMS_WEBHOOK_SECRET: 'x'.repeat(16) };
  const refusal = (env: Record<string, string>): string => {
    try {
      loadSettings({}, env);
    } catch (e) {
      expect(e).toBeInstanceOf(SettingError);
      return (e as Error).message;
    }
    return 'accepted';
  };

  it('defaults to on; production needs the operator certificate or RESDIR_TLS=off', () => {
    expect(loadSettings({}, {}).tls).toBe(true);
    expect(refusal({ ...prod, ...hook })).toMatch(/RESDIR_TLS_CERT: production mode needs .*RESDIR_TLS=off/);
    expect(loadSettings({}, { ...prod, ...hook, RESDIR_TLS: 'off' }).tls).toBe(false);
    const withCert = loadSettings({}, { ...prod, ...hook, RESDIR_TLS_CERT: '/c.pem', RESDIR_TLS_KEY: '/k.pem' });
    expect(withCert).toMatchObject({ tls: true, tlsCert: '/c.pem', tlsKey: '/k.pem' });
    expect(loadSettings({ tlsCert: '/f.pem', tlsKey: '/g.pem' }, {})).toMatchObject({ tlsCert: '/f.pem' });
  });

  it('refuses half a certificate, a contradiction and a bad switch with one line', () => {
    expect(refusal({ RESDIR_TLS_CERT: '/c.pem' })).toMatch(/missing setting RESDIR_TLS_KEY/);
    expect(refusal({ RESDIR_TLS_KEY: '/k.pem' })).toMatch(/missing setting RESDIR_TLS_CERT/);
    expect(refusal({ RESDIR_TLS: 'off', RESDIR_TLS_CERT: '/c.pem', RESDIR_TLS_KEY: '/k.pem' })).toMatch(
      /RESDIR_TLS="off": it contradicts/,
    );
    expect(refusal({ RESDIR_TLS: 'yes' })).toMatch(/RESDIR_TLS="yes": expected on or off/);
  });
});
