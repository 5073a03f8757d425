/**
 * FROZEN once released: tags on Resource Directory members and folders, and delegated
 * administrators of trusted services. New tables only (no other area's table is altered); types
 * both SQLite and PostgreSQL accept.
 *
 * - rd_tags: one row per (resource, key); the key is unique per resource, so a racing second write of
 *   one key cannot duplicate it. rd_tags_key serves ListTagKeys / ListTagValues and the Tag filters.
 * - rd_delegated_admins: one row per (directory, service, member).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rd_tags')
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('tag_key', 'text', (c) => c.notNull())
    .addColumn('tag_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rd_tags_pk', ['resource_type', 'resource_id', 'tag_key'])
    .execute();
  await db.schema
    .createIndex('rd_tags_key')
    .on('rd_tags')
    .columns(['directory_id', 'resource_type', 'tag_key', 'tag_value'])
    .execute();

  await db.schema
    .createTable('rd_delegated_admins')
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('service_principal', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rd_delegated_admins_pk', ['directory_id', 'service_principal', 'account_id'])
    .execute();
  await db.schema
    .createIndex('rd_delegated_admins_account')
    .on('rd_delegated_admins')
    .columns(['account_id', 'service_principal'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rd_delegated_admins').execute();
  await db.schema.dropTable('rd_tags').execute();
}
