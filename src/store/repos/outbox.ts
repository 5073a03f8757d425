import type { Kysely } from 'kysely';
import type { Database, SmsOutboxTable } from '../schema.js';
import type { OutboxRepo } from '../ports.js';

const num = (v: number | null): number | null => (v === null ? null : Number(v));
const normalize = (r: SmsOutboxTable): SmsOutboxTable => ({
  ...r,
  attempts: Number(r.attempts),
  next_attempt_at: Number(r.next_attempt_at),
  lease_until: num(r.lease_until),
  expires_at: Number(r.expires_at),
  created_at: Number(r.created_at),
  updated_at: Number(r.updated_at),
  sent_at: num(r.sent_at),
});

export function outboxRepo(db: Kysely<Database>): OutboxRepo {
  return {
    async enqueue(m) {
      await db.insertInto('sms_outbox').values(m).execute();
    },
    async claim(now, leaseUntil, max) {
      const due = db
        .selectFrom('sms_outbox')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(max);
      // The status/lease guard is repeated in the UPDATE so that a message leased by another
      // claimer between the sub-select and the update is not taken twice.
      const rows = await db
        .updateTable('sms_outbox')
        .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1), updated_at: now }))
        .where('id', 'in', due)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', now)]),
          ]),
        )
        .returningAll()
        .execute();
      return rows.map(normalize);
    },
    async markSent(id, now, provider, providerMessageId) {
      await db
        .updateTable('sms_outbox')
        .set({
          status: 'sent',
          sent_at: now,
          updated_at: now,
          provider,
          provider_message_id: providerMessageId,
          payload_enc: null,
          lease_until: null,
          last_error: null,
        })
        .where('id', '=', id)
        .execute();
    },
    async markRetry(id, now, nextAttemptAt, error) {
      await db
        .updateTable('sms_outbox')
        .set({ status: 'queued', next_attempt_at: nextAttemptAt, lease_until: null, updated_at: now, last_error: error })
        .where('id', '=', id)
        .execute();
    },
    async markFinal(id, now, status, error) {
      await db
        .updateTable('sms_outbox')
        .set({ status, updated_at: now, payload_enc: null, lease_until: null, last_error: error })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const r = await db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? normalize(r) : undefined;
    },
    async nextDueAt() {
      const r = await db
        .selectFrom('sms_outbox')
        .select((eb) => eb.fn.min('next_attempt_at').as('t'))
        .where('status', '=', 'queued')
        .executeTakeFirst();
      return r?.t == null ? undefined : Number(r.t);
    },
  };
}
