/**
 * A batch's settlement on PostgreSQL in ONE statement: every outcome moves its message only while
 * its lease token still holds it (same guard and columns as settleOne in outbox.ts), and every
 * provider attempt of the batch is recorded (the calls happened whatever the lease says).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { Settlement } from '../ports.js';

export async function settleBatchPg(db: Kysely<Database>, settlements: readonly Settlement[]): Promise<boolean[]> {
  const outcomes = settlements.map((s) => {
    const o = s.outcome;
    return {
      id: s.lease.id,
      token: s.lease.token,
      kind: o.kind,
      at: o.at,
      provider: o.kind === 'sent' ? o.provider : null,
      provider_message_id: o.kind === 'sent' ? o.providerMessageId : null,
      next_attempt_at: o.kind === 'retry' ? o.nextAttemptAt : null,
      error: o.kind === 'sent' ? null : o.error,
    };
  });
  const attempts = settlements.flatMap((s) => s.attempts);
  const { rows } = await sql<{ id: string }>`with s as (
      select * from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as x(id text, token text, kind text,
        at bigint, provider text, provider_message_id text, next_attempt_at bigint, error text)
    ), moved as (
      update sms_outbox o set updated_at = s.at, lease_until = null, lease_token = null,
        status = case s.kind when 'sent' then 'sent' when 'retry' then 'queued' else s.kind end,
        sent_at = case when s.kind = 'sent' then s.at else o.sent_at end,
        provider = case when s.kind = 'sent' then s.provider else o.provider end,
        provider_message_id = case when s.kind = 'sent' then s.provider_message_id else o.provider_message_id end,
        payload_enc = case when s.kind = 'retry' then o.payload_enc else null end,
        next_attempt_at = case when s.kind = 'retry' then s.next_attempt_at else o.next_attempt_at end,
        last_error = case when s.kind = 'sent' then null else s.error end
      from s where o.id = s.id and o.lease_token = s.token
      returning o.id
    ), recorded as (
      insert into sms_attempts (id, message_id, attempt, provider, started_at, finished_at, outcome,
        provider_message_id, error)
      select id, message_id, attempt, provider, started_at, finished_at, outcome, provider_message_id, error
      from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb) as y(id text, message_id text, attempt integer,
        provider text, started_at bigint, finished_at bigint, outcome text, provider_message_id text, error text)
    )
    select id from moved`.execute(db);
  const moved = new Set(rows.map((r) => r.id));
  return settlements.map((s) => moved.has(s.lease.id));
}
