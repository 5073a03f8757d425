/**
 * FROZEN once released: e-mail confirmation records of the member operations that wait for a
 * mail (ChangeAccountEmail, CreateCloudAccount, PromoteResourceAccount). A new table only.
 *
 * At most one Pending record per account (a partial unique index), so two concurrent requests
 * for one account have one winner.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_records')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('confirm_at', 'bigint')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_records_one_pending')
    .on('account_records')
    .column('account_id')
    .unique()
    .where(sql.ref('status'), '=', 'Pending')
    .execute();
  await db.schema
    .createIndex('account_records_account')
    .on('account_records')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('account_records_status').on('account_records').columns(['status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_records').ifExists().execute();
}
