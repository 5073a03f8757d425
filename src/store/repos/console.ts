import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { ConsoleReadRepo } from '../console-ports.js';

const n = (v: unknown): number => Number(v);

export function consoleReadRepo(db: Kysely<Database>): ConsoleReadRepo {
  return {
    async listDirectories() {
      const rows = await db
        .selectFrom('resource_directories')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, created_at: n(r.created_at) }));
    },
    async foldersOf(directoryId) {
      const rows = await db
        .selectFrom('folders')
        .selectAll()
        .where('directory_id', '=', directoryId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ ...r, created_at: n(r.created_at) }));
    },
    async listAccounts(limit) {
      const rows = await db
        .selectFrom('accounts')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        ...r,
        created_at: n(r.created_at),
        secure_mobile_bound_at: r.secure_mobile_bound_at === null ? null : n(r.secure_mobile_bound_at),
      }));
    },
    async listGroups(accountId) {
      const rows = await db
        .selectFrom('ram_groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({
        ...r,
        created_at: n(r.created_at),
        updated_at: r.updated_at === null ? null : n(r.updated_at),
      }));
    },
    async membersOfGroup(accountId, groupName) {
      const rows = await db
        .selectFrom('ram_group_members')
        .select('user_name')
        .where('account_id', '=', accountId)
        .where('group_name', '=', groupName)
        .orderBy('user_name')
        .execute();
      return rows.map((r) => r.user_name);
    },
  };
}
