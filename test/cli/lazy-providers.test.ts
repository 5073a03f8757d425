/**
 * A server whose SMS provider is the development inbox never loads the SDKs of the providers it
 * does not use (@alicloud/dysmsapi20170525, @alicloud/openapi-core, smpp): they are loaded when
 * their provider is constructed. Checked in a fresh process, on the built server. Its first start
 * makes the development certificates in a worker thread, so the certificate library
 * (@peculiar/x509) does not load into the server either.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { ROOT, cleanEnv, cleanup, ensureBuilt, tempDir } from './proc.js';

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

const SCRIPT = `
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
const { createApp } = await import(process.env.APP);
const { loadSettings } = await import(process.env.SETTINGS);
const settings = loadSettings({}, { RESDIR_PORT: '0', RESDIR_DATA_DIR: process.env.DATA, RESDIR_LOG_LEVEL: 'error' });
const app = await createApp({ settings, masterKey: randomBytes(32) });
await app.start();
const loaded = Object.keys(createRequire(process.env.APP).cache);
await app.close();
console.log(JSON.stringify(loaded));
`;

it('an inbox-only server loads no SMS provider SDK, and no certificate library on its first start', async () => {
  const env = cleanEnv({
    APP: path.join(ROOT, 'dist/app.js'),
    SETTINGS: path.join(ROOT, 'dist/config/settings.js'),
    DATA: tempDir(),
  });
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT], {
    env,
    cwd: ROOT,
    timeout: 60_000,
  });
  const loaded = JSON.parse(stdout.trim().split('\n').pop()!) as string[];
  // the check can see CJS loads
  expect(loaded.some((f) => f.includes(`${path.sep}node_modules${path.sep}`))).toBe(true);
  for (const sdk of ['@alicloud/dysmsapi20170525', '@alicloud/openapi-core', 'smpp', '@peculiar/x509'])
    expect(loaded.filter((f) => f.includes(`${path.sep}node_modules${path.sep}${sdk}${path.sep}`))).toEqual([]);
}, 90_000);
