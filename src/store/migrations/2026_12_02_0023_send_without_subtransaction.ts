/**
 * PostgreSQL: `resdir_send_code` (migration 0005) again, with the same outcomes and writes, but a
 * Send without limits no longer opens a sub-block: a PL/pgSQL block with an exception handler is a
 * subtransaction, and a batch of Sends in one statement (src/store/hot/pg-hot-path.ts) then held one
 * subtransaction per Send, past the 64 PostgreSQL keeps track of cheaply per transaction. Without
 * limits nothing can refuse once the ClientToken is taken, so the token's record is written first
 * (one statement where a fresh token used to cost a read and a write): a token already taken by a
 * live record answers as before (a replay, or token-mismatch) having written nothing but the
 * replay's audit record; an expired record is taken over, and a race for that answers
 * token-raced. With limits, a refused claim must undo the claims before it: that path keeps its
 * read first and its sub-block. The writes of a sent code are `resdir_write_code`.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const WRITE_CODE = `create or replace function resdir_write_code(c jsonb, now_ms bigint) returns void
language plpgsql as $fn$
declare
  nc jsonb := c->'code';
  msg jsonb := c->'message';
begin
  update verification_codes set superseded_at = now_ms
    where purpose = nc->>'purpose' and account_id = nc->>'accountId'
      and consumed_at is null and superseded_at is null;
  insert into verification_codes (id, purpose, account_id, phone, code_mac, created_at, expires_at, attempts,
    max_attempts, consumed_at, superseded_at)
  values (nc->>'id', nc->>'purpose', nc->>'accountId', nc->>'phone', nc->>'codeMac', now_ms,
    (nc->>'expiresAt')::bigint, 0, (nc->>'maxAttempts')::int, null, null);
  if msg is not null then
    insert into sms_outbox (id, to_phone, purpose, account_id, payload_enc, status, attempts, next_attempt_at,
      lease_until, expires_at, created_at, updated_at, sent_at, provider, provider_message_id, last_error,
      lease_token)
    values (msg->>'id', nc->>'phone', nc->>'purpose', nc->>'accountId', msg->>'payloadEnc', 'queued', 0, now_ms,
      null, (nc->>'expiresAt')::bigint, now_ms, now_ms, null, null, null, null, null);
  end if;
  perform resdir_audit(c->'audit');
end $fn$`;

const SAVE_TOKEN = `create or replace function resdir_save_token(idem jsonb, now_ms bigint) returns boolean
language plpgsql as $fn$
declare
  saved text;
begin
  insert into idempotency_records as ir (scope, token, fingerprint, response, created_at, expires_at)
    values (idem->>'scope', idem->>'token', idem->>'fingerprint', idem->>'response', now_ms,
      (idem->>'expiresAt')::bigint)
    on conflict (scope, token) do update set fingerprint = excluded.fingerprint, response = excluded.response,
      created_at = excluded.created_at, expires_at = excluded.expires_at
    where ir.expires_at <= now_ms
    returning ir.token into saved;
  return saved is not null;
end $fn$`;

const SEND_CODE = `create or replace function resdir_send_code(c jsonb) returns jsonb language plpgsql as $fn$
declare
  now_ms bigint := (c->>'now')::bigint;
  idem jsonb := c->'idempotency';
  prior record;
  res jsonb;
  saved text;
begin
  if not (c ? 'limits') then
    if idem is not null then
      insert into idempotency_records (scope, token, fingerprint, response, created_at, expires_at)
        values (idem->>'scope', idem->>'token', idem->>'fingerprint', idem->>'response', now_ms,
          (idem->>'expiresAt')::bigint)
        on conflict (scope, token) do nothing
        returning token into saved;
      if saved is null then
        select fingerprint, response, expires_at into prior from idempotency_records
          where scope = idem->>'scope' and token = idem->>'token';
        if found and prior.expires_at > now_ms then
          if prior.fingerprint <> idem->>'fingerprint' then return jsonb_build_object('kind', 'token-mismatch'); end if;
          perform resdir_audit(c->'replayAudit');
          return jsonb_build_object('kind', 'replayed', 'response', prior.response);
        end if;
        if not resdir_save_token(idem, now_ms) then
          return jsonb_build_object('kind', 'token-raced');
        end if;
      end if;
    end if;
    perform resdir_write_code(c, now_ms);
    return jsonb_build_object('kind', 'sent');
  end if;
  if idem is not null then
    select fingerprint, response into prior from idempotency_records
      where scope = idem->>'scope' and token = idem->>'token' and expires_at > now_ms;
    if found then
      if prior.fingerprint <> idem->>'fingerprint' then return jsonb_build_object('kind', 'token-mismatch'); end if;
      perform resdir_audit(c->'replayAudit');
      return jsonb_build_object('kind', 'replayed', 'response', prior.response);
    end if;
  end if;
  begin
    res := resdir_claim_send_limits(c->'limits', now_ms);
    if res is not null then
      res := jsonb_build_object('kind', 'refused', 'refusal', res);
      raise exception using errcode = 'RDSC1';
    end if;
    perform resdir_write_code(c, now_ms);
    if idem is not null and not resdir_save_token(idem, now_ms) then
      res := jsonb_build_object('kind', 'token-raced');
      raise exception using errcode = 'RDSC1';
    end if;
    return jsonb_build_object('kind', 'sent');
  exception when sqlstate 'RDSC1' then
    return res;
  end;
end $fn$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  for (const fn of [WRITE_CODE, SAVE_TOKEN, SEND_CODE]) await sql.raw(fn).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
