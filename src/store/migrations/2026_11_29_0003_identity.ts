/**
 * FROZEN migration once released: RAM roles, custom policies and their versions, groups, STS
 * sessions, and the user profile fields of RAM. Types both SQLite and PostgreSQL accept.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const col of ['comments', 'email', 'mobile_phone'] as const) {
    await db.schema.alterTable('ram_users').addColumn(col, 'text').execute();
  }
  await db.schema.alterTable('ram_users').addColumn('updated_at', 'bigint').execute();

  await db.schema
    .createTable('ram_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_lc', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('trust_policy', 'text', (c) => c.notNull())
    .addColumn('max_session_duration', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ram_roles_account_name', ['account_id', 'name_lc'])
    .execute();

  await db.schema
    .createTable('ram_policies')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('default_version', 'text', (c) => c.notNull())
    .addColumn('next_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ram_policies_pk', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('ram_policy_versions')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('policy_name', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ram_policy_versions_pk', ['account_id', 'policy_name', 'version_id'])
    .execute();

  await db.schema
    .createTable('ram_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('ram_groups_account_name', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('ram_group_members')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ram_group_members_pk', ['account_id', 'group_name', 'user_name'])
    .execute();

  await db.schema
    .createTable('sts_sessions')
    .addColumn('access_key_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('session_name', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('session_policy', 'text')
    .addColumn('source_arn', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sts_sessions_expiry').on('sts_sessions').columns(['expires_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
