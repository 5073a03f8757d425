/**
 * FROZEN once released.
 * - Drops `send_cooldowns`, which nothing reads or writes since the growing resend cooldown moved
 *   to `send_backoff`.
 * - RAM user names are unique per account regardless of case (`Alice` and `alice` are one name), as
 *   Alibaba Cloud RAM treats them: a unique index on (account_id, lower(name)).
 * Touches no table another migration of this generation changes, so it may run in any order
 * relative to them. `down` recreates the empty table and drops the index.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('send_cooldowns').ifExists().execute();
  await sql`create unique index ram_users_account_name_ci on ram_users (account_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists ram_users_account_name_ci`.execute(db);
  await db.schema
    .createTable('send_cooldowns')
    .ifNotExists()
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('next_allowed_at', 'bigint', (c) => c.notNull())
    .execute();
}
