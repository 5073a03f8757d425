/**
 * Several resdir replicas in this process, each a full app on its own loopback port, sharing one
 * PostgreSQL database and one master key — as replicas behind a load balancer would. The first
 * replica bootstraps the demo world; logs are captured per replica.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadSettings, type Settings } from '../../src/config/settings.js';
import { createDemoWorld, type BootstrapInfo } from '../../src/bootstrap.js';
import { OutboxWorker, DEFAULT_WORKER_OPTIONS, type WorkerOptions } from '../../src/delivery/worker.js';
import { inboxProvider } from '../../src/delivery/providers/inbox.js';
import type { Clock } from '../../src/lib/clock.js';

export interface Replica {
  app: App;
  url: string;
  host: string;
  logs: string[];
  /** The outbox worker delivering for this replica (the app's own, or a replacement, see below). */
  worker: OutboxWorker;
}

export interface Cluster {
  replicas: Replica[];
  boot: BootstrapInfo;
  close(): Promise<void>;
}

export interface ClusterOptions {
  databaseUrl: string;
  settings?: Partial<Settings>;
  clock?: Clock;
  /** Replaces each app's outbox worker by one with these options (e.g. a short lease for outage tests). */
  worker?: Partial<WorkerOptions>;
}

export async function startReplicas(n: number, opts: ClusterOptions): Promise<Cluster> {
  const masterKey = randomBytes(32);
  const dirs: string[] = [];
  // Started together on purpose: on an empty database they race to migrate it.
  const replicas = await Promise.all(
    Array.from({ length: n }, async (_, i): Promise<Replica> => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `resdir-replica${i}-`));
      dirs.push(dataDir);
      const base = loadSettings(
        {},
        { RESDIR_PORT: '0', RESDIR_DATA_DIR: dataDir, RESDIR_DATABASE_URL: opts.databaseUrl, RESDIR_LOG_LEVEL: 'info' },
      );
      const settings: Settings = { ...base, ...opts.settings };
      const logs: string[] = [];
      const logStream = new Writable({
        write(chunk: Buffer, _enc, cb) {
          logs.push(chunk.toString('utf8'));
          cb();
        },
      });
      const app = await createApp({ settings, masterKey, logStream, ...(opts.clock ? { clock: opts.clock } : {}) });
      const url = await app.start();
      let worker = app.worker;
      if (opts.worker) {
        await app.worker.stop();
        const log = pino({ level: 'info' }, logStream).child({ component: 'outbox', replica: i });
        worker = new OutboxWorker(
          app.store.outbox,
          inboxProvider(app.store.inbox, app.clock),
          app.keyring,
          app.clock,
          log,
          { ...DEFAULT_WORKER_OPTIONS, ...opts.worker },
        );
        worker.start();
      }
      return { app, url, host: url.replace(/^http:\/\//, ''), logs, worker };
    }),
  );
  const first = replicas[0]!;
  const boot = await createDemoWorld(
    first.app.store,
    first.app.keyring,
    first.app.clock,
    first.url,
    first.app.settings.site,
  );
  if (!boot) throw new Error('demo world already existed in a fresh database');
  return {
    replicas,
    boot,
    async close() {
      for (const r of replicas) {
        await r.worker.stop();
        await r.app.close();
      }
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
