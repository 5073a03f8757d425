/**
 * PostgreSQL for tests, inside a test worker: the server started by pg-global-setup.ts, and
 * fresh databases cloned from its migrated template (or empty ones, to test migrating).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export type TestPostgres = { available: true; adminUrl: string } | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    resdirPostgres: TestPostgres;
  }
}

export const TEMPLATE_DB = 'resdir_template';

/** What the global setup found; `available: false` carries the reason to show in skipped suite names. */
export function testPostgres(): TestPostgres {
  return inject('resdirPostgres') ?? { available: false, reason: 'the PostgreSQL global setup did not run' };
}

/** Runs SQL on the server's `postgres` database. */
export async function adminQuery(text: string, adminUrl = adminUrlOrThrow()): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

function adminUrlOrThrow(): string {
  const p = testPostgres();
  if (!p.available) throw new Error(`PostgreSQL is not available: ${p.reason}`);
  return p.adminUrl;
}

export const urlOf = (adminUrl: string, database: string): string => {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
};

export interface TestDatabaseUrl {
  url: string;
  /** Drops the database, closing whatever connections are left. */
  drop(): Promise<void>;
}

/** A new database: migrated (a clone of the template), or `empty` to exercise start-up migration. */
export async function createDatabase(opts: { empty?: boolean; adminUrl?: string } = {}): Promise<TestDatabaseUrl> {
  const adminUrl = opts.adminUrl ?? adminUrlOrThrow();
  const name = `resdir_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}${opts.empty ? '' : ` template ${TEMPLATE_DB}`}`, adminUrl);
  return {
    url: urlOf(adminUrl, name),
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`, adminUrl).catch(() => undefined);
    },
  };
}
