import type { Kysely } from 'kysely';
import type { RamGroup, RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';

type GroupRepo = Pick<
  RamRepo,
  'listGroups' | 'updateGroup' | 'deleteGroup' | 'removeUserFromGroup' | 'membershipsOfUser' | 'membersOfGroup'
>;

/** PostgreSQL returns BIGINT as strings: rows leave the store with numbers. */
const group = (r: Database['ram_groups']): RamGroup => ({
  ...r,
  created_at: Number(r.created_at),
  updated_at: r.updated_at === null ? null : Number(r.updated_at),
});

/** RAM group primitives beyond creation and joining (see ram.ts for those). */
export function ramGroupRepo(db: Kysely<Database>): GroupRepo {
  const byName = (accountId: string, name: string) =>
    db.selectFrom('ram_groups').selectAll().where('account_id', '=', accountId).where('name', '=', name);
  return {
    async listGroups(accountId) {
      const rows = await db.selectFrom('ram_groups').selectAll().where('account_id', '=', accountId).orderBy('name');
      return (await rows.execute()).map(group);
    },
    async updateGroup(accountId, name, patch, now) {
      if (!(await byName(accountId, name).executeTakeFirst())) return 'missing';
      const newName = patch.name ?? name;
      if (newName !== name) {
        if (await byName(accountId, newName).executeTakeFirst()) return 'taken';
        await db
          .updateTable('ram_group_members')
          .set({ group_name: newName })
          .where('account_id', '=', accountId)
          .where('group_name', '=', name)
          .execute();
        await db
          .updateTable('policy_attachments')
          .set({ principal_name: newName })
          .where('account_id', '=', accountId)
          .where('principal_type', '=', 'Group')
          .where('principal_name', '=', name)
          .execute();
      }
      await db
        .updateTable('ram_groups')
        .set({ name: newName, updated_at: now, ...(patch.comments !== undefined ? { comments: patch.comments } : {}) })
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .execute();
      return 'ok';
    },
    async deleteGroup(accountId, name) {
      if (!(await byName(accountId, name).executeTakeFirst())) return 'missing';
      const member = await db
        .selectFrom('ram_group_members')
        .select('user_name')
        .where('account_id', '=', accountId)
        .where('group_name', '=', name)
        .executeTakeFirst();
      if (member) return 'has-users';
      const policy = await db
        .selectFrom('policy_attachments')
        .select('policy_name')
        .where('account_id', '=', accountId)
        .where('principal_type', '=', 'Group')
        .where('principal_name', '=', name)
        .executeTakeFirst();
      if (policy) return 'has-policies';
      await db.deleteFrom('ram_groups').where('account_id', '=', accountId).where('name', '=', name).execute();
      return 'ok';
    },
    async removeUserFromGroup(accountId, groupName, userName) {
      const r = await db
        .deleteFrom('ram_group_members')
        .where('account_id', '=', accountId)
        .where('group_name', '=', groupName)
        .where('user_name', '=', userName)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async membershipsOfUser(accountId, userName) {
      const rows = await db
        .selectFrom('ram_group_members as m')
        .innerJoin('ram_groups as g', (j) =>
          j.onRef('g.account_id', '=', 'm.account_id').onRef('g.name', '=', 'm.group_name'),
        )
        .selectAll('g')
        .select('m.joined_at')
        .where('m.account_id', '=', accountId)
        .where('m.user_name', '=', userName)
        .orderBy('g.name')
        .execute();
      return rows.map(({ joined_at, ...g }) => ({ group: group(g), joinedAt: Number(joined_at) }));
    },
    async membersOfGroup(accountId, groupName) {
      const rows = await db
        .selectFrom('ram_group_members as m')
        .innerJoin('ram_users as u', (j) =>
          j.onRef('u.account_id', '=', 'm.account_id').onRef('u.name', '=', 'm.user_name'),
        )
        .select(['u.name', 'u.display_name', 'm.joined_at'])
        .where('m.account_id', '=', accountId)
        .where('m.group_name', '=', groupName)
        .orderBy('u.name')
        .execute();
      return rows.map((r) => ({ userName: r.name, displayName: r.display_name, joinedAt: Number(r.joined_at) }));
    },
  };
}
