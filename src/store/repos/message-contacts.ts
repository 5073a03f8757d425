import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ContactBinding, MailInboxRepo, MessageContactRepo, MessageContactRow } from '../message-contact-ports.js';

/** PostgreSQL returns bigint columns as strings. */
const num = (r: MessageContactRow): MessageContactRow => ({
  ...r,
  email_verified: Number(r.email_verified),
  phone_verified: Number(r.phone_verified),
  created_at: Number(r.created_at),
  deletion_due_at: r.deletion_due_at === null ? null : Number(r.deletion_due_at),
  verified_email_address: r.verified_email_address ?? null,
  verified_phone_number: r.verified_phone_number ?? null,
});

export function messageContactRepo(db: Kysely<Database>): MessageContactRepo {
  const alive = (now: number) =>
    db
      .selectFrom('rd_message_contacts')
      .selectAll()
      .where((eb) => eb.or([eb('deletion_due_at', 'is', null), eb('deletion_due_at', '>', now)]));
  const live = (directoryId: string, now: number) => alive(now).where('directory_id', '=', directoryId);
  return {
    async insert(row) {
      await db.insertInto('rd_message_contacts').values(row).execute();
    },
    async get(directoryId, contactId, now) {
      const r = await live(directoryId, now).where('contact_id', '=', contactId).executeTakeFirst();
      return r && num(r);
    },
    async byId(contactId, now) {
      const r = await alive(now).where('contact_id', '=', contactId).executeTakeFirst();
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
    async bindingsOf(contactIds) {
      if (contactIds.length === 0) return [];
      const rows = await db
        .selectFrom('rd_message_contact_members')
        .selectAll()
        .where('contact_id', 'in', [...contactIds])
        .orderBy('contact_id')
        .orderBy('modified_at')
        .orderBy('member_id')
        .execute();
      return rows.map((r): ContactBinding => ({ ...r, modified_at: Number(r.modified_at) }));
    },
    async bind(rows) {
      if (rows.length === 0) return;
      await db
        .insertInto('rd_message_contact_members')
        .values([...rows])
        .onConflict((oc) => oc.columns(['contact_id', 'member_id']).doNothing())
        .execute();
    },
    async unbind(contactId, memberIds) {
      if (memberIds.length === 0) return [];
      const rows = await db
        .deleteFrom('rd_message_contact_members')
        .where('contact_id', '=', contactId)
        .where('member_id', 'in', [...memberIds])
        .returning('member_id')
        .execute();
      return rows.map((r) => r.member_id);
    },
  };
}

export function mailInboxRepo(db: Kysely<Database>): MailInboxRepo {
  return {
    async add(m) {
      await db.insertInto('dev_mail_inbox').values(m).execute();
    },
    async list(to, limit) {
      let q = db
        .selectFrom('dev_mail_inbox')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (to !== undefined) q = q.where('to_address', '=', to.toLowerCase());
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
    },
    async clear() {
      await db.deleteFrom('dev_mail_inbox').execute();
    },
  };
}
