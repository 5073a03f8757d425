import { randomBytes } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, SmsOutboxTable } from '../schema.js';
import type { OutboxLease, OutboxRepo, Settlement, Store } from '../ports.js';
import { settleBatchPg } from './outbox-settle-pg.js';

const num = (v: number | null): number | null => (v === null ? null : Number(v));
/** A row as the repository hands it out: numbers as numbers, the lease token left out. */
export const normalizeOutboxRow = ({ lease_token: _token, ...r }: SmsOutboxTable): SmsOutboxTable => ({
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
      const token = randomBytes(12).toString('base64url');
      const leased = (r: SmsOutboxTable) => ({ ...normalizeOutboxRow(r), leaseToken: token });
      const due = (eb: ExpressionBuilder<Database, 'sms_outbox'>) =>
        eb.or([
          eb.and([eb('sms_outbox.status', '=', 'queued'), eb('sms_outbox.next_attempt_at', '<=', now)]),
          eb.and([eb('sms_outbox.status', '=', 'sending'), eb('sms_outbox.lease_until', '<', now)]),
        ]);
      const lease = (eb: ExpressionBuilder<Database, 'sms_outbox'>) => ({
        status: 'sending' as const,
        lease_until: leaseUntil,
        lease_token: token,
        attempts: eb('sms_outbox.attempts', '+', 1),
        updated_at: now,
      });
      if (dialect === 'postgres') {
        // Several processes claim at once here. FOR UPDATE SKIP LOCKED makes each claimer take
        // due rows no other claimer holds, instead of queueing behind them and coming back with
        // fewer rows; the row lock (and the guard, re-checked on the locked row) keeps a message
        // with one claimer at a time. Queued-and-due and leased-and-expired are read as two index
        // ranges of at most `max` rows (an OR over both walked every sent row too), each CTE
        // MATERIALIZED so that its locking select runs once.
        const { rows } = await sql<SmsOutboxTable>`
          with queued as materialized (
            select id, next_attempt_at from sms_outbox where status = 'queued' and next_attempt_at <= ${now}
            order by next_attempt_at limit ${max} for update skip locked),
          expired as materialized (
            select id, next_attempt_at from sms_outbox where status = 'sending' and lease_until < ${now}
            order by next_attempt_at limit ${max} for update skip locked),
          due as (
            select id from (select * from queued union all select * from expired) d
            order by next_attempt_at limit ${max})
          update sms_outbox set status = 'sending', lease_until = ${leaseUntil}, lease_token = ${token},
            attempts = sms_outbox.attempts + 1, updated_at = ${now}
          from due
          where sms_outbox.id = due.id
            and ((sms_outbox.status = 'queued' and sms_outbox.next_attempt_at <= ${now})
              or (sms_outbox.status = 'sending' and sms_outbox.lease_until < ${now}))
          returning sms_outbox.*`.execute(db);
        return rows.map(leased);
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
      return rows.map(leased);
    },
    markSent: (lease, now, provider, providerMessageId) =>
      settleOne(db, lease, { kind: 'sent', at: now, provider, providerMessageId }),
    markRetry: (lease, now, nextAttemptAt, error) =>
      settleOne(db, lease, { kind: 'retry', at: now, nextAttemptAt, error }),
    markFinal: (lease, now, status, error) => settleOne(db, lease, { kind: status, at: now, error }),
    async settle(settlements) {
      if (settlements.length === 0) return [];
      if (dialect === 'postgres') return settleBatchPg(db, settlements);
      return db.transaction().execute(async (trx) => {
        const applied: boolean[] = [];
        for (const s of settlements) {
          applied.push(await settleOne(trx, s.lease, s.outcome));
          if (s.attempts.length > 0) await trx.insertInto('sms_attempts').values(s.attempts).execute();
        }
        return applied;
      });
    },
    async get(id) {
      const r = await db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? normalizeOutboxRow(r) : undefined;
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

/**
 * Moves a leased message to its outcome, only while `lease` still holds it (the token written by
 * the claim that leased it; a later claim writes another). Final states clear the payload.
 */
async function settleOne(db: Kysely<Database>, lease: OutboxLease, o: Settlement['outcome']): Promise<boolean> {
  const common = { updated_at: o.at, lease_until: null, lease_token: null };
  const set =
    o.kind === 'sent'
      ? {
          ...common,
          status: 'sent' as const,
          sent_at: o.at,
          provider: o.provider,
          provider_message_id: o.providerMessageId,
          payload_enc: null,
          last_error: null,
        }
      : o.kind === 'retry'
        ? { ...common, status: 'queued' as const, next_attempt_at: o.nextAttemptAt, last_error: o.error }
        : { ...common, status: o.kind, payload_enc: null, last_error: o.error };
  const r = await db
    .updateTable('sms_outbox')
    .set(set)
    .where('id', '=', lease.id)
    .where('lease_token', '=', lease.token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
