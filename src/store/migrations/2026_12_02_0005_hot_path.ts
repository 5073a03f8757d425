/**
 * FROZEN once released: storage shaped for the Send/Bind hot path and fenced outbox leases.
 * Touches only hot-path tables (codes, counters, backoff, failure budgets, nonces, outbox).
 *
 * - sms_outbox.lease_token: each claim writes a fresh token; every later state change of the
 *   message is conditional on it, so a worker whose lease ran out cannot move the message.
 * - verification_codes_live becomes a partial index over live codes only (neither consumed nor
 *   superseded): the lookups of Send (supersede) and Bind (newest live code) read only live rows,
 *   and the index no longer grows with history.
 * - PostgreSQL only: the functions of the one-round-trip Send (src/store/hot/pg-send-code.sql.ts).
 * - SQLite only: the small tables keyed by text are rebuilt WITHOUT ROWID (the primary key is the
 *   table: one B-tree instead of two per write). PostgreSQL has no such choice; its tables stay.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { PG_HOT_PATH_FUNCTIONS } from '../hot/pg-send-code.sql.js';

/** Text-keyed hot tables rebuilt WITHOUT ROWID on SQLite: name, column definitions, primary key. */
const WITHOUT_ROWID: ReadonlyArray<{ table: string; columns: string; key: string }> = [
  {
    table: 'send_counters',
    columns: 'scope text not null, subject text not null, window_start bigint not null, count integer not null',
    key: 'scope, subject, window_start',
  },
  {
    table: 'send_backoff',
    columns:
      'subject text not null, gap_ms bigint not null, last_sent_at bigint not null, next_allowed_at bigint not null',
    key: 'subject',
  },
  {
    table: 'verification_failures',
    columns: 'subject text not null, window_start bigint not null, failures integer not null, locked_until bigint',
    key: 'subject',
  },
  {
    table: 'request_nonces',
    columns: 'access_key_id text not null, nonce text not null, expires_at bigint not null',
    key: 'access_key_id, nonce',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sms_outbox').addColumn('lease_token', 'text').execute();

  await db.schema.dropIndex('verification_codes_live').execute();
  await db.schema
    .createIndex('verification_codes_live')
    .on('verification_codes')
    .columns(['purpose', 'account_id', 'created_at', 'id'])
    .where(sql.ref('consumed_at'), 'is', null)
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();

  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    for (const f of PG_HOT_PATH_FUNCTIONS) await sql.raw(f).execute(db);
    return;
  }
  for (const t of WITHOUT_ROWID) {
    await sql.raw(`create table ${t.table}_new (${t.columns}, primary key (${t.key})) without rowid`).execute(db);
    await sql.raw(`insert into ${t.table}_new select * from ${t.table}`).execute(db);
    await sql.raw(`drop table ${t.table}`).execute(db);
    await sql.raw(`alter table ${t.table}_new rename to ${t.table}`).execute(db);
  }
  await sql`create index request_nonces_expiry on request_nonces (expires_at)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
