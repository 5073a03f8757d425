/**
 * FROZEN migration: never edit once released; add a new date-named file instead.
 * Adds the attempt log and the receipt log of the outbox. Types work on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per provider call made for an outbox message (never the code or the text).
  await db.schema
    .createTable('sms_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('sms_attempts_message')
    .on('sms_attempts')
    .columns(['message_id', 'started_at'])
    .execute();

  // Delivery receipts, deduplicated by (provider, provider message id, state): providers repeat them.
  await db.schema
    .createTable('sms_receipts')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_receipts_pk', ['provider', 'provider_message_id', 'state'])
    .execute();

  await db.schema
    .createIndex('sms_outbox_provider_message')
    .on('sms_outbox')
    .columns(['provider', 'provider_message_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
