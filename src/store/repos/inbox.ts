import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { InboxRepo } from '../ports.js';

export function inboxRepo(db: Kysely<Database>): InboxRepo {
  return {
    async add(m) {
      await db.insertInto('sms_inbox').values(m).execute();
    },
    async addMany(ms) {
      if (ms.length > 0) await db.insertInto('sms_inbox').values(ms).execute();
    },
    async list(to, limit) {
      let q = db
        .selectFrom('sms_inbox as i')
        .leftJoin('sms_outbox as o', 'o.id', 'i.message_id')
        .selectAll('i')
        .select('o.status as status')
        .orderBy('i.created_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit);
      if (to !== undefined) q = q.where('i.to_phone', '=', to);
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, created_at: Number(r.created_at), status: r.status ?? 'sent' }));
    },
    async clear() {
      await db.deleteFrom('sms_inbox').execute();
    },
  };
}
