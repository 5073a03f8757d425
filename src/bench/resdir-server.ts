/**
 * Benchmark child: a real resdir (createApp) on an ephemeral loopback port over a temp SQLite
 * FILE (or the PostgreSQL database in BENCH_DATABASE_URL), the demo world bootstrapped; the bench
 * adds its members from its own process (prefill.ts), so that this one holds only what serving
 * made. BENCH_LIMITS=off turns send limits off; `on` keeps every limit on with its cap
 * raised so that nothing is refused (every check and counter still runs). Reports
 * `{ url, boot, database }` to the parent over IPC and serves until the parent disconnects or
 * signals it. Logs at warn go to stdout.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app.js';
import { loadSettings } from '../config/settings.js';
import { createDemoWorld } from '../bootstrap.js';
import type { ServerReady } from './child.js';
import { tuneV8 } from '../lib/v8-tuning.js';

const HUGE = '1000000'; // the largest every cap accepts; no bench run comes near it
/** Every cap raised out of reach: the limits are checked and counted, never refused. */
const RAISED_CAPS = {
  RESDIR_MAX_SENDS_PER_PHONE_PER_HOUR: HUGE,
  RESDIR_MAX_SENDS_PER_PHONE_PER_DAY: HUGE,
  RESDIR_MAX_SENDS_PER_MEMBER_PER_DAY: HUGE,
  RESDIR_MAX_SENDS_PER_MANAGEMENT_ACCOUNT_PER_DAY: HUGE,
  RESDIR_MAX_SENDS_PER_PRINCIPAL_PER_DAY: HUGE,
  RESDIR_MAX_SENDS_PER_PREFIX_PER_HOUR: HUGE,
  RESDIR_MAX_SENDS_PER_IP_PER_HOUR: HUGE,
  RESDIR_BREAKER_MIN_SENDS: HUGE,
};
const limitsOn = process.env.BENCH_LIMITS === 'on';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const settings = loadSettings(
  {},
  {
    RESDIR_PORT: '0',
    RESDIR_DATA_DIR: dataDir,
    RESDIR_LIMITS: limitsOn ? 'on' : 'off',
    ...(limitsOn ? RAISED_CAPS : {}),
    RESDIR_LOG_LEVEL: 'warn',
    ...(pgUrl ? { RESDIR_DATABASE_URL: pgUrl } : {}),
  },
);
tuneV8(); // as `resdir serve` does
const app = await createApp({ settings, masterKey: randomBytes(32) });
const url = await app.start();
const boot = await createDemoWorld(app.store, app.keyring, app.clock, url, settings.site);
if (!boot) throw new Error('fresh bench store already had a demo world');

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

const ready: ServerReady = { url, boot, database: settings.databaseUrl };
process.send?.(ready);
