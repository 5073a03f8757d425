/**
 * The PostgreSQL side of the store: a pg pool shaped for resdir and handed to Kysely, and the
 * advisory lock that serializes migrations when several replicas start at once.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type { Database } from './schema.js';
import { StoreUnavailableError } from './unavailable.js';

export interface PostgresOptions {
  /** Connections this process keeps at most. */
  poolSize: number;
  /** Server-side statement_timeout; also bounds how long a new connection may take. */
  statementTimeoutMs: number;
  /** Told about connections that broke while idle (the pool drops them and reconnects later). */
  onConnectionError?: (e: Error) => void;
}

export const DEFAULT_POSTGRES_OPTIONS: PostgresOptions = { poolSize: 10, statementTimeoutMs: 5_000 };

const INT8_OID = 20;
/** BIGINT columns hold epoch milliseconds and counters, all below 2^53: read them as numbers. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * SQLSTATEs that mean "not now" rather than "wrong": connection exceptions (08…), admin/crash shutdown, starting up,
 * insufficient resources (53…), statement timeout or cancel, and the two retryable conflicts.
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[1-4]|53...|57014|40001|40P01)$/;
const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENOENT',
]);
const TRANSIENT_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|connection error/i;

/** Whether a pg error means the database is unreachable or unable to serve right now. */
export function isTransientPgError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_ERRNO.has(code))) return true;
  return TRANSIENT_MESSAGE.test(e.message);
}

const unavailable = (e: unknown): StoreUnavailableError =>
  new StoreUnavailableError(`database unavailable: ${e instanceof Error ? e.message : String(e)}`, { cause: e });

/** Wraps a pool so that every connection failure leaves the store as a StoreUnavailableError. */
function guardedPool(pool: pg.Pool): PostgresPool {
  const wrap = (client: pg.PoolClient): PostgresPoolClient =>
    ({
      query: (text: string, params: ReadonlyArray<unknown>) =>
        client.query(text, params as unknown[]).catch((e: unknown) => {
          throw isTransientPgError(e) ? unavailable(e) : e;
        }),
      release: (destroy?: boolean) => client.release(destroy),
    }) as unknown as PostgresPoolClient;
  return {
    async connect() {
      try {
        return wrap(await pool.connect());
      } catch (e) {
        throw unavailable(e); // whatever stops a connection from opening, the store is not reachable
      }
    },
    end: () => pool.end(),
  };
}

/**
 * Kysely over a fresh pg pool. Connections are opened lazily and replaced after a failure.
 * `forMigrations` lifts the statement timeout (a migration may rightly take long) but keeps the
 * connect timeout.
 */
export function postgresKysely(url: string, opts: PostgresOptions, forMigrations = false): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize,
    ...(forMigrations ? {} : { statement_timeout: opts.statementTimeoutMs }),
    connectionTimeoutMillis: opts.statementTimeoutMs,
    keepAlive: true,
    types,
    application_name: 'resdir',
  });
  const report = (e: Error) => opts.onConnectionError?.(e);
  pool.on('error', report);
  // A checked-out client whose connection dies between queries emits 'error'; without a listener
  // that would crash the process. The failure also reaches the next query on that client.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(pool) }) });
}

/** Arbitrary, fixed key of resdir's migration lock (pg_advisory_lock takes a bigint). */
const MIGRATION_LOCK_KEY = '7305142896301720981';

/**
 * Runs `fn` while holding a session advisory lock on a connection of its own, so that replicas
 * starting together migrate one after the other: the first applies the migrations, the others
 * then find nothing pending. The lock dies with the connection if this process does.
 */
export async function withMigrationLock<T>(url: string, statementTimeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: statementTimeoutMs,
    application_name: 'resdir-migrate',
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    throw unavailable(e);
  }
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await fn();
  } finally {
    await client.end().catch(() => undefined); // ending the session releases the lock
  }
}
