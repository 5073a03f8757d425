/**
 * Benchmark child: the PEER, better-auth's phone-number plugin (pinned in .bench/peers/better-auth,
 * installed there on demand by peers.ts) behind a bare node:http server, on a temp SQLite file
 * (better-sqlite3, WAL + synchronous NORMAL like resdir) or on the PostgreSQL database in
 * BENCH_DATABASE_URL (a `pg` pool of resdir's default size).
 *   POST /api/auth/phone-number/send-otp {"phoneNumber"}  — stores a code, "sends" it (kept in memory)
 *   POST /api/auth/phone-number/verify {"phoneNumber","code","disableSession":true}
 *   GET  /__bench/code?phone=+65…  — the last code sent to a number (for the verify run)
 * The peer is configured as cheaply as it allows: no rate limiting, no phone-number validator, no
 * session on verify (signUpOnVerification creates the user, as a Bind binds the phone).
 * Same IPC protocol as resdir-server.
 */
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_POSTGRES_OPTIONS } from '../store/postgres.js';
import type { ServerReady } from './child.js';
import { PEER_DIR } from './peers.js';

const fromPeer = createRequire(path.join(PEER_DIR, 'package.json'));
// biome-ignore lint/suspicious/noExplicitAny: the peer is untyped from here (installed on demand).
const load = async (id: string): Promise<any> => import(pathToFileURL(fromPeer.resolve(id)).href);
const { betterAuth } = await load('better-auth');
const { phoneNumber } = await load('better-auth/plugins/phone-number');
const { getMigrations } = await load('better-auth/db/migration');
const { toNodeHandler } = await load('better-auth/node');

const pgUrl = process.env.BENCH_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-peer-'));
let database: Database.Database | pg.Pool;
if (pgUrl) database = new pg.Pool({ connectionString: pgUrl, max: DEFAULT_POSTGRES_OPTIONS.poolSize });
else {
  const db = new Database(path.join(dataDir, 'better-auth.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  database = db;
}

const codes = new Map<string, string>();
const auth = betterAuth({
  database,
  secret: 'resdir-bench-peer-secret-0123456789abcdef',
  baseURL: 'http://127.0.0.1',
  telemetry: { enabled: false },
  rateLimit: { enabled: false },
  logger: { disabled: true },
  plugins: [
    phoneNumber({
      sendOTP: ({ phoneNumber: to, code }: { phoneNumber: string; code: string }) => {
        codes.set(to, code);
      },
      signUpOnVerification: {
        getTempEmail: (p: string) => `${p.replace(/\D/g, '')}@bench.invalid`,
        getTempName: (p: string) => p,
      },
    }),
  ],
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const handler = toNodeHandler(auth) as (req: http.IncomingMessage, res: http.ServerResponse) => void;
const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/__bench/code?')) {
    const phone = new URLSearchParams(req.url.slice('/__bench/code?'.length)).get('phone') ?? '';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: codes.get(phone) ?? null }));
    return;
  }
  handler(req, res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  const db = database;
  const closed = db instanceof pg.Pool ? db.end() : Promise.resolve(db.close());
  void closed.finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url: `http://127.0.0.1:${port}`, database: pgUrl ? 'postgres' : 'sqlite' };
process.send?.(ready);
