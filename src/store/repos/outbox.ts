import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, SmsOutboxTable } from '../schema.js';
import type { OutboxRepo, Store } from '../ports.js';

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

export function outboxRepo(db: Kysely<Database>, dialect: Store['dialect']): OutboxRepo {
  return {
    async enqueue(m) {
      await db.insertInto('sms_outbox').values(m).execute();
    },
    async claim(now, leaseUntil, max) {
      const due = (eb: ExpressionBuilder<Database, 'sms_outbox'>) =>
        eb.or([
          eb.and([eb('sms_outbox.status', '=', 'queued'), eb('sms_outbox.next_attempt_at', '<=', now)]),
          eb.and([eb('sms_outbox.status', '=', 'sending'), eb('sms_outbox.lease_until', '<', now)]),
        ]);
      const lease = (eb: ExpressionBuilder<Database, 'sms_outbox'>) => ({
        status: 'sending' as const,
        lease_until: leaseUntil,
        attempts: eb('sms_outbox.attempts', '+', 1),
        updated_at: now,
      });
      if (dialect === 'postgres') {
        // Several processes claim at once here. FOR UPDATE SKIP LOCKED makes each claimer take
        // due rows no other claimer holds, instead of queueing behind them and coming back with
        // fewer rows; the row lock (and the guard, re-checked on the locked row) keeps a message
        // with one claimer at a time. The CTE is MATERIALIZED so the locking select runs once.
        const rows = await db
          .with(
            (w) => w('due').materialized(),
            (q) =>
              q
                .selectFrom('sms_outbox')
                .select('id')
                .where(due)
                .orderBy('next_attempt_at')
                .limit(max)
                .forUpdate()
                .skipLocked(),
          )
          .updateTable('sms_outbox')
          .set(lease)
          .from('due')
          .whereRef('sms_outbox.id', '=', 'due.id')
          .where(due)
          .returningAll('sms_outbox')
          .execute();
        return rows.map(normalize);
      }
      // SQLite runs one writer at a time, so the UPDATE below is atomic with its sub-select. The
      // guard is repeated in the UPDATE so that a message leased by another claimer between the
      // sub-select and the update is not taken twice.
      const ids = db.selectFrom('sms_outbox').select('id').where(due).orderBy('next_attempt_at').limit(max);
      const rows = await db
        .updateTable('sms_outbox')
        .set(lease)
        .where('id', 'in', ids)
        .where(due)
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
        .set({
          status: 'queued',
          next_attempt_at: nextAttemptAt,
          lease_until: null,
          updated_at: now,
          last_error: error,
        })
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
