/** POST /_resdir/accounts and `resdir account create`: accounts in no directory, with a root AccessKey. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { productClient, stsClient } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { newStandaloneAccount } from '../../support/standalone.js';
import { ensureBuilt } from '../../support/child.js';
import { openStore } from '../../../src/store/open.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

const post = (body: string, contentType = 'application/json') =>
  fetch(`${h.url}/_resdir/accounts`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('POST /_resdir/accounts', () => {
  it('creates an account in no directory whose root key the official SDKs accept', async () => {
    const a = await newStandaloneAccount(h, 'Dev Team 1');
    expect(Object.keys(a).sort()).toEqual(['accessKeyId', 'accessKeySecret', 'accountId', 'displayName', 'logonEmail']);
    expect(a.accountId).toMatch(/^[1-9]\d{15}$/);
    expect(a.displayName).toBe('Dev Team 1');
    expect(a.logonEmail).toBe(`account-${a.accountId}@resdir.local`);
    const who = await stsClient(h.host, a).getCallerIdentity();
    expect(who.body.accountId).toBe(a.accountId);
    expect(who.body.identityType).toBe('Account');
    await refusedWith(productClient(h.host, a).getResourceDirectory(), 'ResourceDirectoryNotInUse', 404);
    const b = await newStandaloneAccount(h);
    expect(b.accountId).not.toBe(a.accountId);
    expect(b.displayName).toMatch(/^account-\d{6}$/);
  });

  it('keeps the secret out of the logs and stores it sealed', async () => {
    const a = await newStandaloneAccount(h);
    expect(h.logs.join('')).not.toContain(a.accessKeySecret);
    const key = await h.app.store.identity.getAccessKey(a.accessKeyId);
    expect(key?.secret_enc).not.toContain(a.accessKeySecret);
    expect(key?.user_name).toBeNull();
  });

  it.each([
    ['not JSON', '{displayName'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['an unknown field', '{"displayName":"ok name","admin":true}'],
    ['a prototype key', '{"__proto__":{"x":1}}'],
    ['a non-string name', '{"displayName":42}'],
    ['a too short name', '{"displayName":"a"}'],
    ['a too long name', JSON.stringify({ displayName: 'x'.repeat(51) })],
    ['a name with forbidden characters', '{"displayName":"<script>"}'],
  ])('refuses %s with 400', async (_what, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toMatch(/^invalid-/);
  });

  it('answers 404 in production mode', async () => {
    const prod = await startResdir({ settings: { mode: 'production' } });
    try {
      const res = await fetch(`${prod.url}/_resdir/accounts`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

describe('resdir account create', () => {
  it('creates the account from the CLI (JSON and text), and refuses a bad display name', async () => {
    ensureBuilt();
    const run = promisify(execFile);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-cli-account-'));
    const env = {
      PATH: process.env.PATH ?? '',
      RESDIR_DATA_DIR: dataDir,
      RESDIR_MASTER_KEY: randomBytes(32).toString('base64'),
    };
    try {
      const { stdout } = await run(process.execPath, ['bin/resdir.js', 'account', 'create', '--json'], { env });
      const a = JSON.parse(stdout) as { accountId: string; accessKeyId: string };
      const text = await run(process.execPath, ['bin/resdir.js', 'account', 'create', '--display-name', 'cli one'], {
        env,
      });
      expect(text.stdout).toMatch(/^account \d{16} \(cli one\), logon e-mail account-\d{16}@resdir\.local$/m);
      const bad = await run(process.execPath, ['bin/resdir.js', 'account', 'create', '--display-name', '!'], {
        env,
      }).catch((e: { code: number; stderr: string }) => e);
      expect('code' in bad && bad.code).toBe(1);
      const { store } = await openStore(`sqlite:${path.join(dataDir, 'resdir.db')}`);
      try {
        expect((await store.directory.getAccount(a.accountId))?.account_name).toBe(
          `account-${a.accountId}@resdir.local`,
        );
        expect((await store.identity.getAccessKey(a.accessKeyId))?.account_id).toBe(a.accountId);
      } finally {
        await store.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
