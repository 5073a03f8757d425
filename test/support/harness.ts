/**
 * Test harness: a real resdir on an ephemeral loopback port with an in-memory SQLite store, the
 * demo world bootstrapped, and every log line captured (for the secret scan).
 * With RESDIR_TEST_DATABASE=postgres (the e2e-postgres vitest project) the store is a fresh
 * database on the run's throwaway PostgreSQL instead, unless the caller names a database URL.
 */
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { createDemoWorld, type BootstrapInfo } from '../../src/bootstrap.js';
import type { Clock } from '../../src/lib/clock.js';
import { createDatabase } from './postgres.js';

export interface Harness {
  app: App;
  url: string;
  host: string; // 127.0.0.1:port
  boot: BootstrapInfo;
  logs: string[];
  dataDir: string;
  close(): Promise<void>;
}

/** Every harness started in this test process, for the leak scan. */
export const allHarnessLogs: string[][] = [];

export async function startResdir(
  opts: { settings?: Partial<Settings>; clock?: Clock; env?: Record<string, string> } = {},
): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-test-'));
  const pgDb =
    process.env.RESDIR_TEST_DATABASE === 'postgres' && !opts.env?.RESDIR_DATABASE_URL
      ? await createDatabase()
      : undefined;
  const base = loadSettings(
    {},
    {
      RESDIR_PORT: '0',
      RESDIR_DATA_DIR: dataDir,
      RESDIR_DATABASE_URL: pgDb?.url ?? 'sqlite::memory:',
      RESDIR_LOG_LEVEL: 'info',
      ...opts.env,
    },
  );
  const settings: Settings = { ...base, ...opts.settings };
  const logs: string[] = [];
  allHarnessLogs.push(logs);
  const logStream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  const app = await createApp({
    settings,
    masterKey: randomBytes(32),
    logStream,
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const url = await app.start();
  const host = url.replace(/^http:\/\//, '');
  const boot = await createDemoWorld(app.store, app.keyring, app.clock, url, settings.site);
  if (!boot) throw new Error('demo world already existed in a fresh store');
  return {
    app,
    url,
    host,
    boot,
    logs,
    dataDir,
    async close() {
      await app.close();
      await pgDb?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface InboxMessage {
  id: string;
  to: string;
  text: string;
  code: string;
  purpose: string;
  accountId: string;
  createdAt: string;
  status: string;
}

export async function inbox(h: Pick<Harness, 'url'>, to?: string): Promise<InboxMessage[]> {
  const q = to ? `?to=${encodeURIComponent(to)}` : '';
  const res = await fetch(`${h.url}/_resdir/sms${q}`);
  if (res.status !== 200) throw new Error(`inbox answered ${res.status}`);
  return ((await res.json()) as { messages: InboxMessage[] }).messages;
}

/** Waits (bounded) for the newest SMS to `to` that is newer than `after` messages, and returns it. */
export async function waitForSms(
  h: Pick<Harness, 'url'>,
  to: string,
  countBefore = 0,
  timeoutMs = 5000,
): Promise<InboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const msgs = await inbox(h, to);
    if (msgs.length > countBefore) return msgs[0]!;
    if (Date.now() > deadline) throw new Error(`no SMS to ${to} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
