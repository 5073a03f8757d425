import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { MessageContactRepo, MessageContactRow } from '../message-contact-ports.js';

/** PostgreSQL returns bigint columns as strings. */
const num = (r: MessageContactRow): MessageContactRow => ({
  ...r,
  email_verified: Number(r.email_verified),
  phone_verified: Number(r.phone_verified),
  created_at: Number(r.created_at),
  deletion_due_at: r.deletion_due_at === null ? null : Number(r.deletion_due_at),
});

export function messageContactRepo(db: Kysely<Database>): MessageContactRepo {
  const live = (directoryId: string, now: number) =>
    db
      .selectFrom('rd_message_contacts')
      .selectAll()
      .where('directory_id', '=', directoryId)
      .where((eb) => eb.or([eb('deletion_due_at', 'is', null), eb('deletion_due_at', '>', now)]));
  return {
    async insert(row) {
      await db.insertInto('rd_message_contacts').values(row).execute();
    },
    async get(directoryId, contactId, now) {
      const r = await live(directoryId, now).where('contact_id', '=', contactId).executeTakeFirst();
      return r && num(r);
    },
    async deletionOf(directoryId, contactId) {
      const r = await db
        .selectFrom('rd_message_contacts')
        .selectAll()
        .where('directory_id', '=', directoryId)
        .where('contact_id', '=', contactId)
        .executeTakeFirst();
      return r && num(r);
    },
    async list(directoryId, now) {
      const rows = await live(directoryId, now).orderBy('created_at').orderBy('contact_id').execute();
      return rows.map(num);
    },
    async update(contactId, now, fields) {
      const r = await db
        .updateTable('rd_message_contacts')
        .set(fields)
        .where('contact_id', '=', contactId)
        .where((eb) => eb.or([eb('deletion_due_at', 'is', null), eb('deletion_due_at', '>', now)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
