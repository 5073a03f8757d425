import { CompiledQuery, SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { DirectoryRepo, Member, MemberLookup } from '../ports.js';

export function directoryRepo(db: Kysely<Database>): DirectoryRepo {
  const dialect = db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
  const lookupText = lookupMemberText(dialect);
  const memberQuery = () =>
    db
      .selectFrom('members as m')
      .innerJoin('accounts as a', 'a.id', 'm.account_id')
      .select([
        'm.account_id',
        'm.directory_id',
        'm.folder_id',
        'm.type',
        'm.join_method',
        'm.status',
        'm.display_name',
        'm.join_time',
        'm.modify_time',
        'a.id as a_id',
        'a.account_name as a_account_name',
        'a.display_name as a_display_name',
        'a.secure_mobile_phone as a_secure_mobile_phone',
        'a.secure_mobile_bound_at as a_secure_mobile_bound_at',
        'a.created_at as a_created_at',
      ]);

  return {
    async createAccount(a) {
      const row = await db
        .insertInto('accounts')
        .values(a)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async getAccount(id) {
      return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async createDirectory(d) {
      await db.insertInto('resource_directories').values(d).execute();
    },
    async directoryOfManager(managementAccountId) {
      return db
        .selectFrom('resource_directories')
        .selectAll()
        .where('management_account_id', '=', managementAccountId)
        .executeTakeFirst();
    },
    async getDirectory(id) {
      return db.selectFrom('resource_directories').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async createFolder(f) {
      await db.insertInto('folders').values(f).execute();
    },
    async getFolder(id) {
      return db.selectFrom('folders').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async addMember(m) {
      const row = await db
        .insertInto('members')
        .values(m)
        .onConflict((oc) => oc.doNothing())
        .returning('account_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async getMember(accountId) {
      const row = await memberQuery().where('m.account_id', '=', accountId).executeTakeFirst();
      return row ? toMember(row) : undefined;
    },
    async lookupMember(accountId) {
      const params = dialect === 'postgres' ? [accountId] : [accountId, accountId];
      const { rows } = await db.executeQuery<LookupRow>(CompiledQuery.raw(lookupText, params));
      return memberLookupOf(rows[0]);
    },
    async listMembers(directoryId, offset, limit) {
      const total = await db
        .selectFrom('members')
        .select(sql<number>`count(*)`.as('n'))
        .where('directory_id', '=', directoryId)
        .executeTakeFirstOrThrow();
      const rows = await memberQuery()
        .where('m.directory_id', '=', directoryId)
        .orderBy('m.join_time')
        .orderBy('m.account_id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { total: Number(total.n), members: rows.map(toMember) };
    },
    async bindSecurePhone(accountId, phone, now) {
      const r = await db
        .updateTable('accounts')
        .set({ secure_mobile_phone: phone, secure_mobile_bound_at: now })
        .where('id', '=', accountId)
        .where('secure_mobile_phone', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}

/** A member ⋈ account row, account columns prefixed `a_`. */
interface MemberRow {
  account_id: string;
  directory_id: string;
  folder_id: string;
  type: string;
  join_method: string;
  status: string;
  display_name: string;
  join_time: number | string;
  modify_time: number | string;
  a_id: string;
  a_account_name: string;
  a_display_name: string;
  a_secure_mobile_phone: string | null;
  a_secure_mobile_bound_at: number | string | null;
  a_created_at: number | string;
}

const toMember = (r: MemberRow): Member => ({
  account_id: r.account_id,
  directory_id: r.directory_id,
  folder_id: r.folder_id,
  type: r.type as Member['type'],
  join_method: r.join_method as Member['join_method'],
  status: r.status as Member['status'],
  display_name: r.display_name,
  join_time: Number(r.join_time),
  modify_time: Number(r.modify_time),
  account: {
    id: r.a_id,
    account_name: r.a_account_name,
    display_name: r.a_display_name,
    secure_mobile_phone: r.a_secure_mobile_phone,
    secure_mobile_bound_at: r.a_secure_mobile_bound_at === null ? null : Number(r.a_secure_mobile_bound_at),
    created_at: Number(r.a_created_at),
  },
});

type Nullable<T> = { [K in keyof T]: T[K] | null };
export type LookupRow = Nullable<MemberRow> & { chain: string | null };

/** The member ⋈ account row of one account ID, and its folder chain, in one statement. */
/**
 * The member ⋈ account row of one account ID and its folder chain, in one statement: SQL text
 * whose two placeholders both take the account ID (`?`, `?` on SQLite; `$1`, `$1` on PostgreSQL).
 */
export function lookupMemberText(dialect: 'sqlite' | 'postgres'): string {
  const [p1, p2] = dialect === 'postgres' ? ['$1', '$1'] : ['?', '?'];
  const chain =
    dialect === 'postgres'
      ? `(select string_agg(c.id, '/' order by c.depth desc) from chain c)`
      : `(select group_concat(id, '/') from (select id from chain order by depth desc))`;
  return `with recursive chain(id, parent_id, depth) as (
      select f.id, f.parent_id, 0 from members m0 join folders f on f.id = m0.folder_id
        where m0.account_id = ${p1}
      union all
      select f.id, f.parent_id, c.depth + 1 from chain c join folders f on f.id = c.parent_id where c.depth < 10
    )
    select m.account_id, m.directory_id, m.folder_id, m.type, m.join_method, m.status, m.display_name,
      m.join_time, m.modify_time, a.id as a_id, a.account_name as a_account_name,
      a.display_name as a_display_name, a.secure_mobile_phone as a_secure_mobile_phone,
      a.secure_mobile_bound_at as a_secure_mobile_bound_at, a.created_at as a_created_at, ${chain} as chain
    from (select cast(${p2} as text) as id) q
      left join accounts a on a.id = q.id
      left join members m on m.account_id = q.id`;
}

/** The answer of lookupMemberText's row (undefined: no row). */
export function memberLookupOf(r: LookupRow | undefined): MemberLookup {
  if (!r) return { accountExists: false, member: undefined, folderChain: [] };
  const member = r.account_id !== null && r.a_id !== null ? toMember(r as MemberRow) : undefined;
  return {
    accountExists: r.a_id !== null || r.account_id !== null,
    member,
    folderChain: member && r.chain ? r.chain.split('/') : [],
  };
}
