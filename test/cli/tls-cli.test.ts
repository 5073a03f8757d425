/**
 * The built program and HTTPS: the start-up banner (https URL, how to trust the local CA), bad
 * certificate files and production without a certificate stopping start-up with one line, and the
 * `env` and `profile` commands. Every child is bounded and killed in afterEach.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpsGet } from '../support/tls-clients.js';
import { cleanup, ensureBuilt, run, start, tempDir } from './proc.js';

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

const oneLine = (stderr: string): string => {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at |Error:|node:internal/m);
  return lines[0]!;
};

describe('resdir serve with HTTPS', () => {
  it('prints the https URL and how to trust the local CA, and answers TLS on the same port', async () => {
    const dir = tempDir();
    const s = start(path.resolve('dist/cli/main.js'), ['serve', '--port', '0', '--data-dir', dir], {
      env: { RESDIR_LOG_LEVEL: 'warn' },
    });
    const [, httpsUrl] = await s.waitFor(
      /HTTPS on the same port: (https:\/\/127\.0\.0\.1:\d+) \(certificate from the local CA/,
    );
    const [, caPath] = await s.waitFor(/NODE_EXTRA_CA_CERTS=(\S+)/);
    expect(caPath).toBe(path.join(fs.realpathSync(dir), 'ca.pem'));
    expect(s.stdout()).toMatch(/local CA created: /);
    const ca = fs.readFileSync(caPath!, 'utf8');
    expect((await httpsGet(`${httpsUrl}/_resdir/health`, ca)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect((await s.exited(8_000)).code).toBe(0);
  }, 60_000);

  it('a certificate file that is not a certificate stops start-up with one line', async () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.pem');
    fs.writeFileSync(junk, 'not a certificate');
    const r = await run(['serve', '--port', '0', '--data-dir', dir, '--tls-cert', junk, '--tls-key', junk], {
      timeoutMs: 10_000,
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toMatch(/listening/);
    expect(oneLine(r.stderr)).toMatch(/RESDIR_TLS_CERT=".*junk\.pem": not a PEM certificate/);
  }, 60_000);

  it('production without a certificate stops start-up with one line', async () => {
    const r = await run(['serve', '--port', '0', '--data-dir', tempDir()], {
      env: {
        RESDIR_MODE: 'production',
        RESDIR_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
        RESDIR_SMS_PROVIDER: 'webhook',
        RESDIR_SMS_WEBHOOK_URL: 'https://sms.example/hook',
        RESDIR_SMS_WEBHOOK_SECRET: 'x'.repeat(16),
      },
      timeoutMs: 10_000,
    });
    expect(r.code).not.toBe(0);
    expect(oneLine(r.stderr)).toMatch(/RESDIR_TLS_CERT: production mode needs .*RESDIR_TLS=off/);
  }, 60_000);
});

describe('resdir env and resdir profile', () => {
  it('without bootstrap.json both say what to do, in one line', async () => {
    const dir = tempDir();
    for (const args of [['env'], ['profile', '--path', path.join(dir, 'config.json')]]) {
      const r = await run([...args, '--data-dir', dir]);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toMatch(/no readable .*bootstrap\.json: start resdir once/);
    }
    expect(fs.existsSync(path.join(dir, 'config.json'))).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]); // no master key, no store, no CA
  }, 60_000);

  let dir: string;
  let boot: { admin: { accessKeyId: string; accessKeySecret: string } };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-env-'));
    expect((await run(['bootstrap', '--data-dir', dir, '--port', '8443'], { timeoutMs: 60_000 })).code).toBe(0);
    boot = JSON.parse(fs.readFileSync(path.join(dir, 'bootstrap.json'), 'utf8'));
  }, 90_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('env prints quoted export lines, with NODE_EXTRA_CA_CERTS once the local CA exists', async () => {
    const plain = await run(['env', '--data-dir', dir]);
    expect(plain.stdout.trim().split('\n')).toEqual([
      `export ALIBABA_CLOUD_ACCESS_KEY_ID='${boot.admin.accessKeyId}'`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET='${boot.admin.accessKeySecret}'`,
      `export RESDIR_ENDPOINT='127.0.0.1:8443'`,
    ]);
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'placeholder'); // a started server leaves its CA here
    const withCa = await run(['env', '--data-dir', dir]);
    expect(withCa.stdout).toContain(`export NODE_EXTRA_CA_CERTS='${path.join(fs.realpathSync(dir), 'ca.pem')}'`);
    const off = await run(['env', '--data-dir', dir, '--tls', 'off']);
    expect(off.stdout).not.toContain('NODE_EXTRA_CA_CERTS');
  }, 90_000);

  it('profile writes 0600 and never replaces a file without --force', async () => {
    const file = path.join(dir, 'aliyun', 'config.json');
    expect((await run(['profile', '--data-dir', dir, '--path', file])).code).toBe(0);
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(written).toMatchObject({
      current: 'resdir',
      profiles: [
        {
          name: 'resdir',
          mode: 'AK',
          access_key_id: boot.admin.accessKeyId,
          access_key_secret: boot.admin.accessKeySecret,
        },
      ],
    });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    fs.writeFileSync(file, 'mine', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const refused = await run(['profile', '--data-dir', dir, '--path', file]);
    expect(refused.code).toBe(2);
    expect(oneLine(refused.stderr)).toMatch(/exists; pass --force to replace it/);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
    const forced = await run(['profile', '--data-dir', dir, '--path', file, '--force', '--name', 'local']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).not.toContain(boot.admin.accessKeySecret);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).current).toBe('local');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  }, 90_000);
});
