/**
 * First run without leaking a secret: the development banner names the AccessKey ID and the path of
 * bootstrap.json, never a secret; production mode makes no demo world and prints no credentials;
 * `resdir init` creates the first management account, directory and RAM administrator, writes the
 * credentials to a new 0600 file and prints only IDs. All through the built CLI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coreClient } from '../support/clients.js';
import { CLI, cleanup, ensureBuilt, run, start, tempDir } from './proc.js';

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

const URL_LINE = /resdir listening on (http:\/\/127\.0\.0\.1:(\d+))/;
const PRODUCTION = {
  RESDIR_MODE: 'production',
  RESDIR_TLS: 'off',
  RESDIR_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
  RESDIR_SMS_PROVIDER: 'webhook',
  RESDIR_SMS_WEBHOOK_URL: 'https://sms.example/hook',
  RESDIR_SMS_WEBHOOK_SECRET: 'sixteen-chars-secret',
  RESDIR_LOG_LEVEL: 'warn',
};
/** Anything shaped like an AccessKey secret resdir issues. */
const SECRET_SHAPE = /\b[A-Za-z0-9]{30}\b/;

describe('development start-up banner', () => {
  it('names the AccessKey IDs and bootstrap.json, prints no secret; bootstrap --json prints the file', async () => {
    const dir = tempDir();
    const s = start(CLI, ['serve', '--port', '0', '--data-dir', dir], { env: { RESDIR_LOG_LEVEL: 'warn' } });
    await s.waitFor(URL_LINE);
    await s.waitFor(/SMS inbox: /);
    const file = path.join(dir, 'bootstrap.json');
    const boot = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const out = s.stdout() + s.stderr();
    expect(out).toContain(boot.admin.accessKeyId);
    expect(out).toContain(boot.root.accessKeyId);
    expect(out).toContain(file);
    expect(out).not.toContain(boot.admin.accessKeySecret);
    expect(out).not.toContain(boot.root.accessKeySecret);
    expect(out).not.toMatch(SECRET_SHAPE);
    s.child.kill('SIGTERM');
    await s.exited(10_000);

    const printed = await run(['bootstrap', '--json', '--data-dir', dir]);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout).admin.accessKeySecret).toBe(boot.admin.accessKeySecret);
  });
});

describe('production mode', () => {
  it('serves without a demo world or credentials, and points at resdir init', async () => {
    const dir = tempDir();
    const s = start(CLI, ['serve', '--port', '0', '--data-dir', dir], { env: PRODUCTION });
    const [, url] = await s.waitFor(URL_LINE);
    await s.waitFor(/resdir init/);
    expect(fs.existsSync(path.join(dir, 'bootstrap.json'))).toBe(false);
    expect(s.stdout()).not.toMatch(/LTAI|AccessKey|demo-member/);
    // No demo management account: the demo world's well-known account ID owns nothing.
    expect((await fetch(`${url}/_resdir/health`)).status).toBe(200);
    s.child.kill('SIGTERM');
    await s.exited(10_000);
    const b = await run(['bootstrap', '--json', '--data-dir', dir], { env: PRODUCTION });
    expect(b.code).toBe(2);
    expect(b.stdout).toBe('');
    expect(b.stderr).toMatch(/resdir init/);
  });

  it('resdir init creates the first management account, writes 0600 credentials, prints IDs only; once', async () => {
    const dir = tempDir();
    const r = await run(['init', '--management-account-name', 'acme-management', '--data-dir', dir], {
      env: PRODUCTION,
    });
    expect(r.code, r.stderr).toBe(0);
    const file = path.join(dir, 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(r.stdout).toContain(creds.managementAccountId);
    expect(r.stdout).toContain(creds.resourceDirectoryId);
    expect(r.stdout).toContain(creds.admin.accessKeyId);
    expect(r.stdout).toContain(file);
    expect(r.stdout + r.stderr).not.toContain(creds.admin.accessKeySecret);
    expect(r.stdout).not.toMatch(SECRET_SHAPE);

    const again = await run(['init', '--management-account-name', 'other', '--data-dir', dir], {
      env: PRODUCTION,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(creds);

    // The administrator's key works through the official SDK against a production server.
    const s = start(CLI, ['serve', '--port', '0', '--data-dir', dir], { env: PRODUCTION });
    const [, url] = await s.waitFor(URL_LINE);
    const admin = coreClient(url!.replace(/^http:\/\//, ''), creds.admin);
    const rd = (await admin.call('GetResourceDirectory', {})) as { ResourceDirectory: Record<string, string> };
    expect(rd.ResourceDirectory.ResourceDirectoryId).toBe(creds.resourceDirectoryId);
    expect(rd.ResourceDirectory.MasterAccountId).toBe(creds.managementAccountId);
    expect(s.stdout()).not.toMatch(/resdir init/);
    s.child.kill('SIGTERM');
    await s.exited(10_000);
  });

  it('resdir init refuses a bad account name and changes nothing', async () => {
    const dir = tempDir();
    const r = await run(['init', '--management-account-name', 'bad\u202Ename', '--data-dir', dir], { env: PRODUCTION });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--management-account-name/);
    expect(fs.existsSync(path.join(dir, 'credentials.json'))).toBe(false);
  });
});
