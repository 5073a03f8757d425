/**
 * Where the benchmark's servers keep their data. `sqlite`: each child makes its own temp file.
 * `postgres`: a fresh database per server (`fresh()`) on one server — a
 * throwaway PostgreSQL started from Debian's binaries (crash-safe, synchronous_commit off, as
 * SQLite's WAL + NORMAL), or the server behind `adminUrl` (a URL that may CREATE DATABASE).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { findPostgresBin, startPgServer, type PgServer } from '../tools/throwaway-postgres.js';

export interface BenchDatabases {
  /** Env naming a fresh, empty database for one child (BENCH_DATABASE_URL), or {} for SQLite. */
  fresh(): Promise<Record<string, string>>;
  /** The baseline child's script. */
  baselineScript: string;
  postgres: boolean;
  /** For the table's title and footnote. */
  label: string;
  baselineLabel: string;
  close(): Promise<void>;
}

export async function benchDatabases(
  store: string,
  adminUrl: string | undefined,
  log: (s: string) => void,
): Promise<BenchDatabases> {
  if (store === 'sqlite') {
    return {
      fresh: async () => ({}),
      baselineScript: './baseline-server.js',
      postgres: false,
      label: 'SQLite file (WAL)',
      baselineLabel: 'one better-sqlite3 INSERT + one SELECT per request (temp file, WAL), bare node:http',
      close: async () => undefined,
    };
  }
  if (store !== 'postgres') throw new Error(`--store must be sqlite or postgres (got ${store})`);
  let server: PgServer | undefined;
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin)
      throw new Error(
        '--store postgres needs PostgreSQL 15+ binaries (apt-get install postgresql-15) ' +
          'or --database-url postgres://… of a server where it may create databases',
      );
    log('starting a throwaway PostgreSQL');
    server = await startPgServer(bin, { fast: false });
    adminUrl = server.url();
  }
  const admin = async (text: string): Promise<string> => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      const r = await c.query(text);
      return String(r.rows[0]?.server_version ?? '');
    } finally {
      await c.end();
    }
  };
  const suffix = randomBytes(4).toString('hex');
  const names: string[] = [];
  const version = await admin('show server_version');
  const urlOf = (db: string): string => {
    const u = new URL(adminUrl!);
    u.pathname = `/${db}`;
    return u.toString();
  };
  return {
    async fresh() {
      const name = `resdir_bench_${suffix}_${names.length}`;
      await admin(`create database ${name}`);
      names.push(name);
      return { BENCH_DATABASE_URL: urlOf(name) };
    },
    baselineScript: './baseline-pg.js',
    postgres: true,
    label: `PostgreSQL ${version}${server ? ' (throwaway, loopback)' : ''}`,
    baselineLabel:
      'one INSERT + one SELECT per request through a pg pool of the same size as resdir’s (10), bare node:http',
    async close() {
      for (const n of names) await admin(`drop database if exists ${n} with (force)`).catch(() => undefined);
      await server?.destroy();
    },
  };
}
