/**
 * FROZEN once released: the message contacts of a Resource Directory (2022-04-19). A new table
 * only; types both SQLite and PostgreSQL accept. Deleted contacts keep their row (with the time
 * their deletion completed) so GetMessageContactDeletionStatus can still answer.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rd_message_contacts')
    .addColumn('contact_id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email_address', 'text', (c) => c.notNull())
    .addColumn('phone_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message_types', 'text', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('email_verified', 'integer', (c) => c.notNull())
    .addColumn('phone_verified', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deletion_due_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('rd_message_contacts_directory')
    .on('rd_message_contacts')
    .columns(['directory_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rd_message_contacts').execute();
}
