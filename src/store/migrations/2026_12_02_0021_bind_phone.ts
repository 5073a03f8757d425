/**
 * PostgreSQL: `resdir_bind_phone(cmd)`, a Bind's whole step (BindPhoneCommand as JSON) in one round
 * trip, with the guards of the repositories (codes.ts, defence.ts, directory.ts, limits.ts) and of
 * the SQLite hot path (src/store/hot/sqlite-bind-phone.ts). In order:
 *   1. the caller's identity epoch, then the member as read → stale-identity / stale-member, nothing written;
 *   2. count an attempt on the newest live code → no-live-code;
 *   3. spend one unit of the (member, phone) failure budget → pair-locked (the attempt stays counted);
 *   4. compare the presented code's MAC with the stored one → wrong-code (attempt and budget stay);
 *   5. hold the code still live (→ code-taken) and the account still unbound (→ already-bound), then
 *      consume the code, bind the phone, clear the budget, credit the breaker, record the audit record.
 * The statement's transaction commits what stands, so row locks are held for one round trip (the
 * breaker's counter row, which every Bind of a country credits, above all).
 * SQLite needs nothing here: its hot path runs these steps as prepared statements.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const LIVE = 'consumed_at is null and superseded_at is null';
/** A window that ended, or a lock that ran out, starts the failure count afresh. */
const FRESH = `(f.window_start <= now_ms - (b->>'windowMs')::bigint
  or (f.locked_until is not null and f.locked_until <= now_ms))`;

const BIND_PHONE = `create or replace function resdir_bind_phone(cmd jsonb) returns jsonb language plpgsql as $fn$
declare
  now_ms bigint := (cmd->>'now')::bigint;
  m jsonb := cmd->'member';
  b jsonb := cmd->'budget';
  lock_first bigint := case when (b->>'max')::int <= 1 then now_ms + (b->>'lockMs')::bigint end;
  e bigint;
  a record;
  taken int;
  locked bigint;
  ws bigint;
  k jsonb;
begin
  if cmd ? 'identity' then
    select epoch into e from identity_epochs where account_id = cmd->'identity'->>'accountId';
    if coalesce(e, 0) <> (cmd->'identity'->>'epoch')::bigint then
      return jsonb_build_object('kind', 'stale-identity');
    end if;
  end if;
  if m is not null and not exists (
    select 1 from members mb join accounts ac on ac.id = mb.account_id
      where mb.account_id = m->>'accountId' and mb.directory_id = m->>'directoryId'
        and mb.folder_id = m->>'folderId' and mb.type = m->>'type'
        and ac.secure_mobile_phone is not distinct from m->>'securePhone'
  ) then
    return jsonb_build_object('kind', 'stale-member');
  end if;
  update verification_codes set attempts = attempts + 1
    where id = (select id from verification_codes
        where purpose = cmd->>'purpose' and account_id = cmd->>'accountId' and ${LIVE}
        order by created_at desc, id desc limit 1)
      and attempts < max_attempts and expires_at > now_ms and ${LIVE}
    returning id, code_mac, attempts, max_attempts, created_at into a;
  if not found then
    return jsonb_build_object('kind', 'no-live-code');
  end if;
  insert into verification_failures as f (subject, window_start, failures, locked_until)
    values (cmd->>'pair', now_ms, 1, lock_first)
    on conflict (subject) do update set
      failures = case when ${FRESH} then 1 else f.failures + 1 end,
      locked_until = case when ${FRESH} then lock_first
        when f.failures + 1 >= (b->>'max')::int then now_ms + (b->>'lockMs')::bigint else null end,
      window_start = case when ${FRESH} then now_ms else f.window_start end
    where ${FRESH} or (f.locked_until is null and f.failures < (b->>'max')::int)
    returning f.failures into taken;
  if not found then
    select locked_until into locked from verification_failures where subject = cmd->>'pair' and locked_until > now_ms;
    return jsonb_build_object('kind', 'pair-locked', 'until', locked);
  end if;
  if a.code_mac is distinct from cmd->>'presentedMac' then
    return jsonb_build_object('kind', 'wrong-code', 'attempts', a.attempts, 'maxAttempts', a.max_attempts);
  end if;
  -- The binding writes, once the code and the account are held as they must be: nothing after
  -- can fail, so no sub-block (no subtransaction) is needed to undo any of them.
  perform 1 from verification_codes where id = a.id and ${LIVE} for update;
  if not found then
    return jsonb_build_object('kind', 'code-taken');
  end if;
  perform 1 from accounts where id = cmd->>'accountId' and secure_mobile_phone is null for update;
  if not found then
    return jsonb_build_object('kind', 'already-bound');
  end if;
  update verification_codes set consumed_at = now_ms where id = a.id;
  update accounts set secure_mobile_phone = cmd->>'phone', secure_mobile_bound_at = now_ms
    where id = cmd->>'accountId';
  delete from verification_failures where subject = cmd->>'pair';
  ws := coalesce(a.created_at, now_ms);
  ws := ws - ws % (cmd->'credit'->>'windowMs')::bigint;
  for k in select x from jsonb_array_elements(cmd->'credit'->'keys') as t(x) loop
    insert into send_counters as s (scope, subject, window_start, count)
      values ('breaker-bound:' || (k->>'scope'), k->>'subject', ws, 1)
      on conflict (scope, subject, window_start) do update set count = s.count + 1 where s.count < 2000000000;
  end loop;
  perform resdir_audit(cmd->'audit');
  return jsonb_build_object('kind', 'bound', 'attempts', a.attempts);
end $fn$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql.raw(BIND_PHONE).execute(db);
  await indexPlans(db, 'resdir_bind_phone(jsonb)');
}

/**
 * Every statement of a hot-path function reads or writes rows by key, through an index. A session
 * caches a function's plans once they were planned a few times; planned while a table was still
 * small, a sequential scan looked cheapest, and that plan then stayed while the table grew (Sends
 * at a third of their speed in the bench; migration 0020 planned the Send afresh on every call
 * instead, which costs a quarter of its throughput). With sequential scans off inside the function,
 * the cached plans use the indexes whatever the size of the tables when they were made.
 */
export async function indexPlans(db: Kysely<unknown>, fn: string): Promise<void> {
  await sql.raw(`alter function ${fn} set enable_seqscan = off`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
