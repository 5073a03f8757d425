import type { Kysely } from 'kysely';

/**
 * RAM virtual MFA devices, security preferences, AccessKey last use and RAM tags:
 * - ram_mfa_devices: one per serial number (acs:ram::<uid>:mfa/<name>); the TOTP seed sealed under
 *   the master key; user_id set once bound (a user has at most one device).
 * - ram_security_preferences: per account, the preference as JSON; no row means the defaults.
 * - ram_access_key_usage: when each AccessKey last authenticated a request (flushed in batches).
 * - ram_tags: tags of roles (resource_id = the role's ID) and custom policies (resource_id =
 *   `<name>@<created_at>`), so that a re-created entity of the same name starts without tags.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ram_mfa_devices')
    .addColumn('serial_number', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('seed_enc', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('last_step', 'bigint')
    .addColumn('activated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ram_mfa_devices_user').on('ram_mfa_devices').column('user_id').unique().execute();
  await db.schema.createIndex('ram_mfa_devices_account').on('ram_mfa_devices').column('account_id').execute();
  await db.schema
    .createTable('ram_security_preferences')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('preference', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ram_access_key_usage')
    .addColumn('access_key_id', 'text', (c) => c.primaryKey())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ram_tags')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ram_tags_pk', ['account_id', 'resource_type', 'resource_id', 'tag_key'])
    .execute();
}
