import type { Kysely } from 'kysely';

/**
 * FROZEN once released: verification and members of the 2022-04-19 message contacts. Builds on
 * 0016 (already released), so it may alter rd_message_contacts.
 * - rd_message_contacts.verified_email_address / verified_phone_number: the last verified value of
 *   each (null: never verified), what CancelMessageContactUpdate restores.
 * - rd_message_contact_members: the members, folders and the directory a contact is bound to (one
 *   row per binding). The JSON column `members` of 0016 is no longer read; its bindings move here.
 * - dev_mail_inbox: the development mail inbox (GET /_resdir/mail), the one place an e-mailed code
 *   may be read back.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rd_message_contacts').addColumn('verified_email_address', 'text').execute();
  await db.schema.alterTable('rd_message_contacts').addColumn('verified_phone_number', 'text').execute();
  await db.schema
    .createTable('rd_message_contact_members')
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rd_message_contact_members_pk', ['contact_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('rd_message_contact_members_member')
    .on('rd_message_contact_members')
    .columns(['directory_id', 'member_id'])
    .execute();
  const bound = await db
    .selectFrom('rd_message_contacts')
    .select(['contact_id', 'directory_id', 'members', 'created_at'])
    .where('members', '<>', '[]')
    .execute();
  for (const r of bound as Array<{ contact_id: string; directory_id: string; members: string; created_at: unknown }>) {
    const ids = [...new Set(JSON.parse(r.members) as string[])];
    for (const member_id of ids) {
      await db
        .insertInto('rd_message_contact_members')
        .values({ contact_id: r.contact_id, member_id, directory_id: r.directory_id, modified_at: r.created_at })
        .execute();
    }
  }
  await db.schema
    .createTable('dev_mail_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dev_mail_inbox_to').on('dev_mail_inbox').columns(['to_address', 'created_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dev_mail_inbox').execute();
  await db.schema.dropTable('rd_message_contact_members').execute();
  await db.schema.alterTable('rd_message_contacts').dropColumn('verified_phone_number').execute();
  await db.schema.alterTable('rd_message_contacts').dropColumn('verified_email_address').execute();
}
