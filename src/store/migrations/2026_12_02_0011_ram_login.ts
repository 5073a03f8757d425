import type { Kysely } from 'kysely';

/**
 * RAM console logins and account settings:
 * - ram_login_profiles: one per RAM user (by user ID, so a rename keeps it); the password only as a
 *   scrypt hash; flags as 0/1.
 * - ram_account_settings: per account, the account alias and the password policy (JSON); no row means
 *   no alias and the default policy.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ram_login_profiles')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_reset_required', 'integer', (c) => c.notNull())
    .addColumn('mfa_bind_required', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ram_account_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('alias', 'text')
    .addColumn('password_policy', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ram_account_settings_alias')
    .on('ram_account_settings')
    .column('alias')
    .unique()
    .execute();
}
