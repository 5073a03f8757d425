/**
 * FROZEN once released: verification defence.
 * Types both SQLite and PostgreSQL accept (text, integer, bigint); times are epoch milliseconds.
 *
 * - send_backoff: the growing resend cooldown per (member, phone).
 * - verification_failures: the failure budget per (member, phone) that survives resends.
 * - breaker_trips: SMS-pumping circuit breaker blocks per calling code / number prefix.
 * - idempotency_records: ClientToken replays (never a code: only the public answer).
 * - audit_events.detail: the precise reason of a refusal or a system event (never a code).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('send_backoff')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('gap_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_sent_at', 'bigint', (c) => c.notNull())
    .addColumn('next_allowed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('verification_failures')
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .execute();

  await db.schema
    .createTable('breaker_trips')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('tripped_at', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('breaker_trips_pk', ['scope', 'subject'])
    .execute();

  await db.schema
    .createTable('idempotency_records')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_records_pk', ['scope', 'token'])
    .execute();
  await db.schema.createIndex('idempotency_records_expiry').on('idempotency_records').columns(['expires_at']).execute();

  await db.schema.alterTable('audit_events').addColumn('detail', 'text').execute();
  await db.schema
    .createIndex('audit_events_caller_id')
    .on('audit_events')
    .columns(['caller_account_id', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
