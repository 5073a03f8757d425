import type { Kysely } from 'kysely';

/**
 * Member administration options of a directory:
 * - rd_display_name_sync: per directory, whether members' display names are synchronized to their
 *   accounts (Enabled or Disabled); no row means Disabled.
 * - rd_member_payers: per member, the account of the same directory that pays for it; no row means
 *   the member pays for itself. A row whose directory or payer is no longer the member's is ignored.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rd_display_name_sync')
    .addColumn('directory_id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('rd_member_payers')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('payer_account_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rd_member_payers_payer').on('rd_member_payers').column('payer_account_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rd_member_payers').execute();
  await db.schema.dropTable('rd_display_name_sync').execute();
}
