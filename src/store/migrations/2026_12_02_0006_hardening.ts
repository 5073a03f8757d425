/**
 * FROZEN once released: drops `send_cooldowns`, which nothing reads or writes since the growing
 * resend cooldown moved to `send_backoff`. Touches no other table, so it may run in any order
 * relative to migrations of the same generation. `down` recreates the empty table.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('send_cooldowns').ifExists().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('send_cooldowns')
    .ifNotExists()
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('next_allowed_at', 'bigint', (c) => c.notNull())
    .execute();
}
