/**
 * The databases the store conformance suite runs on. Each entry hands out a fresh, migrated,
 * empty database per test; adding a dialect (PostgreSQL) is one more entry in `dialects`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, afterEach } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { createDatabase, testPostgres } from '../support/postgres.js';

export interface TestDatabase {
  /** The first connection; migrations were applied through it. */
  store: Store;
  /** Opens one more independent connection to the same database, as another process would. */
  connect(): Promise<Store>;
  /** Closes every connection opened here and removes the database. */
  destroy(): Promise<void>;
}

export interface Dialect {
  name: Store['dialect'];
  open(): Promise<TestDatabase>;
  /** Why the dialect cannot run here (its suites are then reported as skipped); undefined when it can. */
  unavailable?: string;
}

/** A database reached by `url`; `drop` removes it once every connection is closed. */
async function databaseAt(url: string, drop: () => Promise<void>): Promise<TestDatabase> {
  const { store } = await openStore(url);
  const extra: Store[] = [];
  return {
    store,
    async connect() {
      const { store: another } = await openStore(url);
      extra.push(another);
      return another;
    },
    async destroy() {
      for (const s of [...extra, store]) await s.close();
      await drop();
    },
  };
}

/** SQLite on a temporary FILE (WAL, as in production), not :memory:. */
export const sqliteFile: Dialect = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-store-'));
    return databaseAt(`sqlite:${path.join(dir, 'resdir.db')}`, async () =>
      fs.rmSync(dir, { recursive: true, force: true }),
    );
  },
};

/** A fresh database per test on the run's throwaway PostgreSQL, cloned from the migrated template. */
export const postgres: Dialect = {
  name: 'postgres',
  async open() {
    const created = await createDatabase();
    return databaseAt(created.url, created.drop);
  },
  ...(() => {
    const p = testPostgres();
    return p.available ? {} : { unavailable: p.reason };
  })(),
};

export const dialects: Dialect[] = [sqliteFile, postgres];

/** A fresh database for each test of the enclosing describe block. */
export function useDatabase(d: Dialect): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeEach(async () => {
    db = await d.open();
  });
  afterEach(async () => {
    const current = db;
    db = undefined;
    await current?.destroy();
  });
  return () => {
    if (!db) throw new Error('the test database exists only inside a test');
    return db;
  };
}
