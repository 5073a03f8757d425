/**
 * Benchmark child: a real resdir (createApp) on an ephemeral loopback port over a temp SQLite
 * FILE (or the PostgreSQL database in BENCH_DATABASE_URL), send limits off, the demo world bootstrapped and `BENCH_MEMBERS` extra ResourceAccount
 * members created through the domain service. Reports `{ url, boot, members }` to the parent over
 * IPC and serves until the parent disconnects or signals it. Logs at warn go to stdout.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.js';
import { loadSettings } from '../config/settings.js';
import { createDemoWorld } from '../bootstrap.js';
import { DirectoryService } from '../domain/directory/directory.js';
import type { ServerReady } from './child.js';

const count = Number(process.env.BENCH_MEMBERS ?? '2000');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const settings = loadSettings(
  {},
  {
    RESDIR_PORT: '0',
    RESDIR_DATA_DIR: dataDir,
    RESDIR_LIMITS: 'off',
    RESDIR_LOG_LEVEL: 'warn',
    ...(pgUrl ? { RESDIR_DATABASE_URL: pgUrl } : {}),
  },
);
const app = await createApp({ settings, masterKey: randomBytes(32) });
const url = await app.start();
const boot = await createDemoWorld(app.store, app.keyring, app.clock, url, settings.site);
if (!boot) throw new Error('fresh bench store already had a demo world');

const dir = await app.store.directory.getDirectory(boot.resourceDirectoryId);
if (!dir) throw new Error('demo directory missing');
const directory = new DirectoryService(app.store, app.clock);
const members: string[] = [];
for (let i = 0; i < count; i++) {
  const m = await directory.createResourceAccount(dir, { displayName: `bench member ${i}` });
  if (!m.ok) throw new Error(`creating member ${i}: ${m.error.code}`);
  members.push(m.value.account_id);
}

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  app.close().finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url, boot, members, database: settings.databaseUrl };
process.send?.(ready);
