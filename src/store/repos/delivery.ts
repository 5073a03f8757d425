import type { Kysely } from 'kysely';
import type { Database, SmsAttemptsTable } from '../schema.js';
import type { DeliveryRepo, OutboxView } from '../ports.js';

const FINAL_RECEIPT = ['delivered', 'undelivered'] as const;

const attempt = (r: SmsAttemptsTable): SmsAttemptsTable => ({
  ...r,
  attempt: Number(r.attempt),
  started_at: Number(r.started_at),
  finished_at: Number(r.finished_at),
});
const n = (v: number | null): number | null => (v === null ? null : Number(v));

export function deliveryRepo(db: Kysely<Database>): DeliveryRepo {
  const repo: DeliveryRepo = {
    async recordAttempt(a) {
      await db.insertInto('sms_attempts').values(a).execute();
    },
    async attemptsOf(messageId) {
      const rows = await db
        .selectFrom('sms_attempts')
        .selectAll()
        .where('message_id', '=', messageId)
        .orderBy('attempt')
        .orderBy('id')
        .execute();
      return rows.map(attempt);
    },
    async recordReceipt(r) {
      const inserted = await db
        .insertInto('sms_receipts')
        .values(r)
        .onConflict((oc) => oc.columns(['provider', 'provider_message_id', 'state']).doNothing())
        .returning('state')
        .execute();
      return inserted.length > 0;
    },
    async applyReceipts(provider, providerMessageId, now) {
      // The first final receipt stored wins; both states at once (a provider contradicting itself)
      // resolve to delivered.
      const finals = await db
        .selectFrom('sms_receipts')
        .select('state')
        .where('provider', '=', provider)
        .where('provider_message_id', '=', providerMessageId)
        .where('state', 'in', [...FINAL_RECEIPT])
        .execute();
      if (finals.length === 0) return undefined;
      const status = finals.some((f) => f.state === 'delivered') ? 'delivered' : 'undelivered';
      // Guarded on status = 'sent': one statement, so concurrent receipts move a message once.
      const moved = await db
        .updateTable('sms_outbox')
        .set({ status, updated_at: now })
        .where('provider', '=', provider)
        .where('provider_message_id', '=', providerMessageId)
        .where('status', '=', 'sent')
        .returning(['id', 'created_at'])
        .executeTakeFirst();
      return moved ? { id: moved.id, createdAt: Number(moved.created_at), status } : undefined;
    },
    async list({ status, to, limit }) {
      let q = db
        .selectFrom('sms_outbox')
        .select([
          'id',
          'to_phone',
          'purpose',
          'account_id',
          'status',
          'attempts',
          'next_attempt_at',
          'lease_until',
          'expires_at',
          'created_at',
          'updated_at',
          'sent_at',
          'provider',
          'provider_message_id',
          'last_error',
        ])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (status !== undefined) q = q.where('status', '=', status as OutboxView['status']);
      if (to !== undefined) q = q.where('to_phone', '=', to);
      const rows = await q.execute();
      return rows.map((r) => ({
        ...r,
        attempts: Number(r.attempts),
        next_attempt_at: Number(r.next_attempt_at),
        lease_until: n(r.lease_until),
        expires_at: Number(r.expires_at),
        created_at: Number(r.created_at),
        updated_at: Number(r.updated_at),
        sent_at: n(r.sent_at),
        delivered_at: r.status === 'delivered' || r.status === 'undelivered' ? Number(r.updated_at) : null,
      }));
    },
    async awaitingReceipt(provider, sentAfter, sentBefore, limit) {
      const rows = await db
        .selectFrom('sms_outbox')
        .select(['id', 'to_phone', 'provider_message_id', 'sent_at'])
        .where('provider', '=', provider)
        .where('status', '=', 'sent')
        .where('sent_at', '>=', sentAfter)
        .where('sent_at', '<=', sentBefore)
        .orderBy('sent_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        to_phone: r.to_phone,
        provider_message_id: r.provider_message_id ?? '',
        sent_at: Number(r.sent_at),
      }));
    },
    async statusCounts() {
      const rows = await db
        .selectFrom('sms_outbox')
        .select((eb) => ['status', eb.fn.countAll().as('n')])
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
  return repo;
}
