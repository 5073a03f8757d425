/**
 * PostgreSQL functions of the hot path, created by migration 0005: `resdir_send_code(cmd jsonb)`
 * runs a Send's whole write set (SendCodeCommand as JSON) in ONE round trip, with the same guarded
 * upserts as the repositories (src/store/repos/defence.ts, limits.ts), so row locks are held for
 * one round trip. A refusal raises inside a sub-block, which rolls back that block's writes only.
 */
export const PG_HOT_PATH_FUNCTIONS = [
  `create or replace function resdir_audit(a jsonb) returns void language sql as $fn$
  insert into audit_events (id, time, request_id, action, version, principal_arn, caller_account_id,
    access_key_id, source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
  values (a->>'id', (a->>'time')::bigint, a->>'request_id', a->>'action', a->>'version', a->>'principal_arn',
    a->>'caller_account_id', a->>'access_key_id', a->>'source_ip', a->>'target_account_id', a->>'phone_masked',
    a->>'result_code', a->>'outbox_message_id', a->>'detail')
$fn$`,
  `create or replace function resdir_claim_send_limits(lim jsonb, now_ms bigint) returns jsonb
language plpgsql as $fn$
declare
  v bigint;
  gap bigint;
  base bigint;
  cap bigint;
  reset_before bigint;
  ws bigint;
  sent bigint;
  bound bigint;
  r record;
  k jsonb;
  i bigint;
begin
  select locked_until into v from verification_failures where subject = lim->>'pair' and locked_until > now_ms;
  if v is not null then return jsonb_build_object('kind', 'failure-lock', 'until', v); end if;
  if lim ? 'breaker' and jsonb_array_length(lim->'breakerKeys') > 0 then
    select max(t.blocked_until) into v from breaker_trips t, jsonb_array_elements(lim->'breakerKeys') bk
      where t.scope = bk->>'scope' and t.subject = bk->>'subject' and t.blocked_until > now_ms;
    if v is not null then return jsonb_build_object('kind', 'breaker-blocked', 'until', v); end if;
  end if;
  if lim ? 'backoff' then
    base := (lim->'backoff'->>'baseMs')::bigint;
    cap := (lim->'backoff'->>'maxMs')::bigint;
    reset_before := now_ms - (lim->'backoff'->>'resetMs')::bigint;
    insert into send_backoff as b (subject, gap_ms, last_sent_at, next_allowed_at)
      values (lim->>'pair', base, now_ms, now_ms + base)
      on conflict (subject) do update set
        gap_ms =
          case when b.last_sent_at <= reset_before then base when b.gap_ms * 2 >= cap then cap else b.gap_ms * 2 end,
        next_allowed_at = now_ms +
          case when b.last_sent_at <= reset_before then base when b.gap_ms * 2 >= cap then cap else b.gap_ms * 2 end,
        last_sent_at = now_ms
      where b.next_allowed_at <= now_ms
      returning b.gap_ms into gap;
    if not found then
      select next_allowed_at, gap_ms into r from send_backoff where subject = lim->>'pair';
      return jsonb_build_object('kind', 'cooldown', 'waitMs', greatest(1, coalesce(r.next_allowed_at, now_ms) - now_ms),
        'gapMs', coalesce(r.gap_ms, base));
    end if;
  end if;
  for k, i in select e, n - 1 from jsonb_array_elements(lim->'counters') with ordinality as x(e, n) order by n loop
    v := null;
    insert into send_counters as s (scope, subject, window_start, count)
      values (k->>'scope', k->>'subject', (k->>'windowStart')::bigint, 1)
      on conflict (scope, subject, window_start) do update set count = s.count + 1
      where s.count < (k->>'limit')::bigint
      returning s.count into v;
    if v is null then return jsonb_build_object('kind', 'counter', 'index', i); end if;
  end loop;
  if not (lim ? 'breaker') then return null; end if;
  ws := (lim->'breaker'->>'windowStart')::bigint;
  for k, i in select e, n - 1 from jsonb_array_elements(lim->'breakerKeys') with ordinality as x(e, n) order by n loop
    v := null;
    insert into send_counters as s (scope, subject, window_start, count)
      values ('breaker-sent:' || (k->>'scope'), k->>'subject', ws, 1)
      on conflict (scope, subject, window_start) do update set count = s.count + 1 where s.count < 2000000000
      returning s.count into v;
    sent := coalesce(v, 2000000000) - 1;
    if sent >= (lim->'breaker'->>'minSends')::bigint then
      select count into bound from send_counters
        where scope = 'breaker-bound:' || (k->>'scope') and subject = k->>'subject' and window_start = ws;
      if coalesce(bound, 0) * 100 < (lim->'breaker'->>'minBindPercent')::bigint * sent then
        return jsonb_build_object('kind', 'breaker', 'keyIndex', i);
      end if;
    end if;
  end loop;
  return null;
end
$fn$`,
  `create or replace function resdir_send_code(c jsonb) returns jsonb language plpgsql as $fn$
declare
  now_ms bigint := (c->>'now')::bigint;
  idem jsonb := c->'idempotency';
  nc jsonb := c->'code';
  msg jsonb := c->'message';
  prior record;
  res jsonb;
  saved text;
begin
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
    if c ? 'limits' then
      res := resdir_claim_send_limits(c->'limits', now_ms);
      if res is not null then
        res := jsonb_build_object('kind', 'refused', 'refusal', res);
        raise exception using errcode = 'RDSC1';
      end if;
    end if;
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
    if idem is not null then
      insert into idempotency_records as ir (scope, token, fingerprint, response, created_at, expires_at)
        values (idem->>'scope', idem->>'token', idem->>'fingerprint', idem->>'response', now_ms,
          (idem->>'expiresAt')::bigint)
        on conflict (scope, token) do update set fingerprint = excluded.fingerprint, response = excluded.response,
          created_at = excluded.created_at, expires_at = excluded.expires_at
        where ir.expires_at <= now_ms
        returning ir.token into saved;
      if saved is null then
        res := jsonb_build_object('kind', 'token-raced');
        raise exception using errcode = 'RDSC1';
      end if;
    end if;
    return jsonb_build_object('kind', 'sent');
  exception when sqlstate 'RDSC1' then
    return res;
  end;
end
$fn$`,
];
