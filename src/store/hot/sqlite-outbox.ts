/**
 * The outbox worker's writes on SQLite as prepared statements, run inside the hot path's group
 * commit: a claim is one guarded UPDATE … RETURNING, and a batch's settlement (every outcome and
 * provider attempt) one command, so all of it commits or none. Same guards as src/store/repos/outbox.ts.
 */
import { randomBytes } from 'node:crypto';
import type SqliteDatabase from 'better-sqlite3';
import type { SmsOutboxTable } from '../schema.js';
import type { ClaimedMessage, Settlement } from '../ports.js';
import { normalizeOutboxRow } from '../repos/outbox.js';

/**
 * Due messages, oldest first: queued ones that are due and leased ones whose lease ran out, each
 * read as an index range of at most @max rows (an OR over both would read the whole backlog).
 */
const DUE_IDS = `select id from (
    select id, next_attempt_at from (select id, next_attempt_at from sms_outbox
      where status = 'queued' and next_attempt_at <= @now order by next_attempt_at limit @max)
    union all
    select id, next_attempt_at from (select id, next_attempt_at from sms_outbox
      where status = 'sending' and lease_until < @now order by next_attempt_at limit @max)
  ) order by next_attempt_at limit @max`;
/** The same guard, re-checked on each row by id (unary + keeps the planner on the primary key). */
const STILL_DUE = `((+status = 'queued' and +next_attempt_at <= @now)
  or (+status = 'sending' and +lease_until < @now))`;

export function outboxStatements(db: SqliteDatabase.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    claim: p(`update sms_outbox set status = 'sending', lease_until = @leaseUntil, lease_token = @token,
        attempts = attempts + 1, updated_at = @now
      where id in (${DUE_IDS}) and ${STILL_DUE}
      returning *`),
    sent: p(`update sms_outbox set updated_at = @at, lease_until = null, lease_token = null, status = 'sent',
        sent_at = @at, provider = @provider, provider_message_id = @providerMessageId, payload_enc = null,
        last_error = null
      where id = @id and lease_token = @token`),
    retry: p(`update sms_outbox set updated_at = @at, lease_until = null, lease_token = null, status = 'queued',
        next_attempt_at = @nextAttemptAt, last_error = @error
      where id = @id and lease_token = @token`),
    final: p(`update sms_outbox set updated_at = @at, lease_until = null, lease_token = null, status = @status,
        payload_enc = null, last_error = @error
      where id = @id and lease_token = @token`),
    attempt: p(`insert into sms_attempts
        (id, message_id, attempt, provider, started_at, finished_at, outcome, provider_message_id, error)
      values (@id, @message_id, @attempt, @provider, @started_at, @finished_at, @outcome, @provider_message_id,
        @error)`),
  };
}

export type OutboxStatements = ReturnType<typeof outboxStatements>;

export function claimOutbox(st: OutboxStatements, now: number, leaseUntil: number, max: number): ClaimedMessage[] {
  const token = randomBytes(12).toString('base64url');
  const rows = st.claim.all({ now, leaseUntil, token, max }) as SmsOutboxTable[];
  return rows.map((r) => ({ leaseToken: token, ...normalizeOutboxRow(r) }));
}

/** Applies every settlement of a batch; true for each whose lease still held. */
export function settleOutbox(st: OutboxStatements, settlements: readonly Settlement[]): boolean[] {
  return settlements.map((s) => {
    const o = s.outcome;
    const key = { id: s.lease.id, token: s.lease.token, at: o.at };
    const r =
      o.kind === 'sent'
        ? st.sent.run({ provider: o.provider, providerMessageId: o.providerMessageId, ...key })
        : o.kind === 'retry'
          ? st.retry.run({ nextAttemptAt: o.nextAttemptAt, error: o.error, ...key })
          : st.final.run({ status: o.kind, error: o.error, ...key });
    for (const a of s.attempts) st.attempt.run({ ...a });
    return r.changes === 1;
  });
}
