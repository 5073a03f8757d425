import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './ports.js';
import { kyselyStore } from './kysely-store.js';
import { migrateToLatest } from './migrate.js';

export interface OpenedStore {
  store: Store;
  /** Names of the migrations applied while opening. */
  applied: string[];
}

/**
 * Opens the store named by a database URL (`sqlite:PATH`, `sqlite::memory:`), applying pending
 * migrations unless `migrate` is false. Throws an Error with a one-line reason on a bad URL.
 */
export async function openStore(url: string, opts: { migrate?: boolean } = {}): Promise<OpenedStore> {
  const db = kyselyFor(url);
  const applied = opts.migrate === false ? [] : await migrateToLatest(db);
  return { store: kyselyStore(db, 'sqlite'), applied };
}

function kyselyFor(url: string): Kysely<Database> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new Error(`database URL "${url}" names no file; use sqlite:PATH or sqlite::memory:`);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    throw new Error('database URL: PostgreSQL is not supported by this build yet; use sqlite:PATH');
  }
  throw new Error(`database URL "${url}" is not supported; use sqlite:PATH, sqlite::memory: or postgres://…`);
}
