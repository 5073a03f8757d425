/**
 * PostgreSQL: `resdir_write_code` (migration 0023) again, taking a message delivered inline
 * (src/delivery/inline.ts, `DeliveredMessage`): the outbox message is written `sent` by its
 * provider, with its inbox row and its provider attempt, in the Send's own statement. A queued
 * message is written as before. Nothing else changes: the Send functions call this one.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const WRITE_CODE = `create or replace function resdir_write_code(c jsonb, now_ms bigint) returns void
language plpgsql as $fn$
declare
  nc jsonb := c->'code';
  msg jsonb := c->'message';
  d jsonb := c->'message'->'delivered';
begin
  update verification_codes set superseded_at = now_ms
    where purpose = nc->>'purpose' and account_id = nc->>'accountId'
      and consumed_at is null and superseded_at is null;
  insert into verification_codes (id, purpose, account_id, phone, code_mac, created_at, expires_at, attempts,
    max_attempts, consumed_at, superseded_at)
  values (nc->>'id', nc->>'purpose', nc->>'accountId', nc->>'phone', nc->>'codeMac', now_ms,
    (nc->>'expiresAt')::bigint, 0, (nc->>'maxAttempts')::int, null, null);
  -- A delivered message has no payload, and its provider and inbox row: ->> gives null otherwise.
  if msg is not null then
    insert into sms_outbox (id, to_phone, purpose, account_id, payload_enc, status, attempts, next_attempt_at,
      lease_until, expires_at, created_at, updated_at, sent_at, provider, provider_message_id, last_error,
      lease_token)
    values (msg->>'id', nc->>'phone', nc->>'purpose', nc->>'accountId', msg->>'payloadEnc',
      case when d is null then 'queued' else 'sent' end, case when d is null then 0 else 1 end, now_ms,
      null, (nc->>'expiresAt')::bigint, now_ms, now_ms, case when d is null then null else now_ms end,
      d->>'provider', d->'inbox'->>'id', null, null);
  end if;
  if d is not null then
    insert into sms_inbox select * from jsonb_populate_record(null::sms_inbox, d->'inbox');
    insert into sms_attempts select * from jsonb_populate_record(null::sms_attempts, d->'attempt');
  end if;
  perform resdir_audit(c->'audit');
end $fn$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql.raw(WRITE_CODE).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
