import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './ports.js';
import { kyselyStore, type SqliteHandle } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';
import type { PostgresOptions } from './postgres.js';

export interface OpenedStore {
  store: Store;
  /** Names of the migrations applied while opening. */
  applied: string[];
}

export interface OpenOptions extends Partial<PostgresOptions> {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

const isPostgresUrl = (url: string): boolean => url.startsWith('postgres://') || url.startsWith('postgresql://');

/**
 * Opens the store named by a database URL (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`),
 * applying pending migrations unless `migrate` is false. On PostgreSQL the migrations run under
 * an advisory lock, so replicas starting together apply each migration exactly once, on their own
 * connections without the statement timeout. Pool size,
 * statement timeout and the connection-error callback apply to PostgreSQL only.
 * Throws an Error with a one-line reason on a bad URL or an unreachable database.
 */
export async function openStore(url: string, opts: OpenOptions = {}): Promise<OpenedStore> {
  if (isPostgresUrl(url)) {
    // Loaded only for a PostgreSQL URL: an SQLite server never loads the driver.
    const { DEFAULT_POSTGRES_OPTIONS, postgresKysely, withMigrationLock } = await import('./postgres.js');
    const pgOpts: PostgresOptions = { ...DEFAULT_POSTGRES_OPTIONS, ...definedOnly(opts) };
    let applied: string[] = [];
    if (opts.migrate !== false) {
      const migrator = postgresKysely(url, { ...pgOpts, poolSize: 2 }, true);
      try {
        applied = await withMigrationLock(url, pgOpts.statementTimeoutMs, () => migrateToLatest(migrator));
      } finally {
        await migrator.destroy();
      }
    }
    return { store: kyselyStore(postgresKysely(url, pgOpts), 'postgres'), applied };
  }
  const { db, handle } = sqliteKysely(url);
  const applied = opts.migrate === false ? [] : await migrateToLatest(db);
  return { store: kyselyStore(db, 'sqlite', handle), applied };
}

function definedOnly(o: OpenOptions): Partial<PostgresOptions> {
  const out: Partial<PostgresOptions> = {};
  if (o.poolSize !== undefined) out.poolSize = o.poolSize;
  if (o.statementTimeoutMs !== undefined) out.statementTimeoutMs = o.statementTimeoutMs;
  if (o.onConnectionError !== undefined) out.onConnectionError = o.onConnectionError;
  return out;
}

/** How often the WAL is checkpointed, off the request path (automatic checkpoints are off). */
const CHECKPOINT_EVERY_MS = 250;
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** Below this WAL size no checkpoint is asked for (an idle server starts no checkpoint thread). */
const CHECKPOINT_MIN_WAL_BYTES = 1024 * 1024;

const SQLITE_DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * The checkpoint thread (CommonJS, evaluated): `wal_checkpoint(PASSIVE)` on its own connection each
 * time it is asked. PASSIVE waits for no reader or writer; a busy checkpoint is skipped.
 */
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
db.pragma('wal_autocheckpoint = 0');
db.pragma('journal_size_limit = ' + workerData.journalSizeLimit);
db.pragma('cache_size = -256'); // a checkpoint copies pages; it needs no page cache of its own
const checkpoint = db.prepare('pragma wal_checkpoint(PASSIVE)');
parentPort.on('message', (msg) => {
  if (msg === 'close') { db.close(); parentPort.close(); return; }
  // Three passes: each copies back what was written during the one before, so the frames left for
  // the main connection are those of the last, short pass.
  try { for (let i = 0; i < 3; i++) checkpoint.get(); } catch {}
  parentPort.postMessage('done');
});
`;

/**
 * WAL checkpoints off the request path: a timer looks at the WAL file's size and, once it holds
 * more than a megabyte, asks a worker thread (started on first need) to checkpoint it on its own
 * connection. One request at a time; the thread is ended on close.
 *
 * Under steady writes a checkpoint never catches up with the frames written while it ran, and a WAL
 * that is never wholly copied back is never restarted: it grew by hundreds of megabytes a minute,
 * and every read searched its whole index. So the frames written meanwhile (a quarter second's
 * worth) are copied back on the main connection, between transactions; the next commit then
 * starts the WAL afresh.
 */
class Checkpointer {
  private worker: Worker | undefined;
  private busy = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly main: SqliteDatabase.Database,
  ) {
    this.timer = setInterval(() => this.tick(), CHECKPOINT_EVERY_MS).unref();
  }

  private tick(): void {
    if (this.busy) return;
    let size = 0;
    try {
      size = fs.statSync(`${this.file}-wal`).size;
    } catch {
      return; // no WAL file (yet)
    }
    if (size < CHECKPOINT_MIN_WAL_BYTES) return;
    this.worker ??= this.spawn();
    this.busy = true;
    this.worker.postMessage('checkpoint');
  }

  private spawn(): Worker {
    const w = new Worker(CHECKPOINT_THREAD, {
      eval: true,
      workerData: { file: this.file, journalSizeLimit: JOURNAL_SIZE_LIMIT, driver: SQLITE_DRIVER },
    });
    w.on('message', () => {
      this.busy = false;
      // The thread copied back the frames that were there when it started; these are the rest.
      setImmediate(() => this.finishTail());
    });
    w.on('error', () => {
      // A failed thread is replaced at the next need.
      this.worker = undefined;
      this.busy = false;
    });
    w.unref();
    return w;
  }

  /** Copies back the frames the thread's checkpoint left, unless a transaction holds the connection. */
  private finishTail(): void {
    if (!this.main.open || this.main.inTransaction) return;
    try {
      this.main.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // busy: the next round tries again
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    const w = this.worker;
    this.worker = undefined;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage('close');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref())]);
    await w.terminate();
  }
}

function sqliteKysely(url: string): { db: Kysely<Database>; handle: SqliteHandle } {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new Error(`database URL "${url}" names no file; use sqlite:PATH or sqlite::memory:`);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // holds sealed secrets and code MACs
    if (file !== ':memory:' && !fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // A commit never runs a checkpoint: a worker thread does (Checkpointer), and the WAL file is
    // truncated back to this size after each checkpoint that reset it.
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
    // SQLite's own default page cache (2 MiB); better-sqlite3 raises it to 16 MiB, which a loaded
    // server filled for no measurable gain (docs/hot-path.md, Memory under load). Misses read through the
    // operating system's file cache.
    sqlite.pragma('cache_size = -2000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
    const checkpoints = file === ':memory:' ? undefined : new Checkpointer(file, sqlite);
    return { db, handle: { raw: sqlite, onClose: () => checkpoints?.close() } };
  }
  throw new Error(`database URL "${url}" is not supported; use sqlite:PATH, sqlite::memory: or postgres://…`);
}

/**
 * better-sqlite3 compiles a statement on every prepare(); Kysely prepares on every query. Reusing
 * compiled statements per SQL text (bounded, oldest evicted) saves that work on the hot path.
 * Statements are run to completion synchronously by Kysely's driver, so sharing one is safe.
 */
function cachingStatements(
  db: SqliteDatabase.Database,
  max = 500,
): { close(): void; prepare(sql: string): SqliteDatabase.Statement } {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let st = cache.get(sql);
      if (st) return st;
      st = db.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(sql, st);
      return st;
    },
  };
}
