/**
 * FROZEN once released: the identity epoch of each account, for the in-process identity cache.
 *
 * `identity_epochs(account_id, epoch)` counts the changes to what authenticates and authorizes an
 * account's callers: its AccessKeys, RAM users, roles, groups and their members, policies and their
 * versions, policy attachments, and the directory it manages. Triggers bump the epoch in the
 * transaction of the change itself, so no code path can forget to. An account with no row is at
 * epoch 0. access_keys bumps only when a column that authenticates changes (not on bookkeeping).
 *
 * PostgreSQL: `resdir_send_code_checked(cmd)` runs `resdir_send_code` only while the caller's
 * account is still at the epoch the Send was authorized at (`cmd.identity`), else answers
 * `{"kind":"stale-identity"}` having written nothing: still one round trip per Send.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

/** Table → the column naming the account whose identities it describes (and, optionally, the UPDATE columns). */
const WATCHED: ReadonlyArray<{ table: string; account: string; columns?: string }> = [
  { table: 'access_keys', account: 'account_id', columns: 'account_id, user_name, secret_enc, status' },
  { table: 'ram_users', account: 'account_id' },
  { table: 'ram_roles', account: 'account_id' },
  { table: 'ram_groups', account: 'account_id' },
  { table: 'ram_group_members', account: 'account_id' },
  { table: 'ram_policies', account: 'account_id' },
  { table: 'ram_policy_versions', account: 'account_id' },
  { table: 'policy_attachments', account: 'account_id' },
  { table: 'resource_directories', account: 'management_account_id' },
];

const BUMP = (ref: string): string =>
  `insert into identity_epochs (account_id, epoch) values (${ref}, 1) ` +
  'on conflict (account_id) do update set epoch = identity_epochs.epoch + 1;';

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const table = 'create table identity_epochs (account_id text not null primary key, epoch bigint not null)';
  await sql.raw(sqlite ? `${table} without rowid` : table).execute(db);
  if (sqlite) {
    for (const w of WATCHED) {
      const t = w.table;
      const of = w.columns ? ` of ${w.columns}` : '';
      await sql
        .raw(`create trigger ${t}_epoch_ins after insert on ${t} begin ${BUMP(`new.${w.account}`)} end`)
        .execute(db);
      await sql
        .raw(`create trigger ${t}_epoch_del after delete on ${t} begin ${BUMP(`old.${w.account}`)} end`)
        .execute(db);
      await sql
        .raw(
          `create trigger ${t}_epoch_upd after update${of} on ${t} begin ` +
            `${BUMP(`old.${w.account}`)} ${BUMP(`new.${w.account}`)} end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create or replace function resdir_bump_identity_epoch() returns trigger language plpgsql as $fn$
begin
  if tg_op <> 'INSERT' then ${BUMP(`to_jsonb(old) ->> tg_argv[0]`)} end if;
  if tg_op <> 'DELETE' then ${BUMP(`to_jsonb(new) ->> tg_argv[0]`)} end if;
  return null;
end $fn$`,
    )
    .execute(db);
  for (const w of WATCHED) {
    const of = w.columns ? ` of ${w.columns}` : '';
    await sql
      .raw(
        `create trigger ${w.table}_epoch after insert or delete or update${of} on ${w.table} ` +
          `for each row execute function resdir_bump_identity_epoch('${w.account}')`,
      )
      .execute(db);
  }
  await sql
    .raw(
      `create or replace function resdir_send_code_checked(cmd jsonb) returns jsonb language plpgsql as $fn$
declare
  e bigint;
begin
  if cmd ? 'identity' then
    select epoch into e from identity_epochs where account_id = cmd->'identity'->>'accountId';
    if coalesce(e, 0) <> (cmd->'identity'->>'epoch')::bigint then
      return jsonb_build_object('kind', 'stale-identity');
    end if;
  end if;
  return resdir_send_code(cmd);
end $fn$`,
    )
    .execute(db);
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
