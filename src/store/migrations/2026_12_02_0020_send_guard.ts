/**
 * PostgreSQL: `resdir_send_code_guarded(cmd)`, the Send's one round trip with everything it used
 * to spend separate round trips on. In order, each answering having written nothing:
 *   1. the caller's identity epoch (`cmd.identity`, as resdir_send_code_checked) → stale-identity;
 *   2. the member as the caller read it (`cmd.member`: directory, folder, type, secure phone) →
 *      stale-member, so a member served from memory, or changed since it was read, never gets a code;
 *   3. the request's signature nonce (`cmd.nonce`), claimed → nonce-used when claimed before.
 * Then resdir_send_code (migration 0005); the nonce stays claimed whatever that answers.
 * `resdir_audit` becomes PL/pgSQL, whose insert plan is cached per connection (an SQL-language
 * function that writes is planned again on every call).
 * SQLite needs nothing here: its hot path runs these checks as prepared statements.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql
    .raw(
      `create or replace function resdir_audit(a jsonb) returns void language plpgsql as $fn$
begin
  insert into audit_events (id, time, request_id, action, version, principal_arn, caller_account_id,
    access_key_id, source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
  values (a->>'id', (a->>'time')::bigint, a->>'request_id', a->>'action', a->>'version', a->>'principal_arn',
    a->>'caller_account_id', a->>'access_key_id', a->>'source_ip', a->>'target_account_id', a->>'phone_masked',
    a->>'result_code', a->>'outbox_message_id', a->>'detail');
end $fn$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function resdir_send_code_guarded(cmd jsonb) returns jsonb language plpgsql as $fn$
declare
  e bigint;
  m jsonb := cmd->'member';
  n jsonb := cmd->'nonce';
begin
  if cmd ? 'identity' then
    select epoch into e from identity_epochs where account_id = cmd->'identity'->>'accountId';
    if coalesce(e, 0) <> (cmd->'identity'->>'epoch')::bigint then
      return jsonb_build_object('kind', 'stale-identity');
    end if;
  end if;
  if m is not null and not exists (
    select 1 from members mb join accounts a on a.id = mb.account_id
      where mb.account_id = m->>'accountId' and mb.directory_id = m->>'directoryId'
        and mb.folder_id = m->>'folderId' and mb.type = m->>'type'
        and a.secure_mobile_phone is not distinct from m->>'securePhone'
  ) then
    return jsonb_build_object('kind', 'stale-member');
  end if;
  if n is not null then
    insert into request_nonces (access_key_id, nonce, expires_at)
      values (n->>'accessKeyId', n->>'nonce', (n->>'expiresAt')::bigint)
      on conflict do nothing;
    if not found then
      return jsonb_build_object('kind', 'nonce-used');
    end if;
  end if;
  return resdir_send_code(cmd);
end $fn$`,
    )
    .execute(db);
  await customPlans(db);
}

/**
 * The guard's statements are planned for their values on every call: with cached generic plans,
 * some pooled sessions ran the Send at less than half the speed of others (the bench swung between
 * 1,200 and 2,900 Sends a second from run to run); planned each time it holds steady.
 */
async function customPlans(db: Kysely<unknown>): Promise<void> {
  await sql.raw('alter function resdir_send_code_guarded(jsonb) set plan_cache_mode = force_custom_plan').execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
