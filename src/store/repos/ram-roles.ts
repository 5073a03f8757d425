import type { Kysely } from 'kysely';
import type { RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';

/** Role primitives beyond creation and deletion (see ram.ts for those). */
export function ramRoleRepo(db: Kysely<Database>): Pick<RamRepo, 'updateRole'> {
  return {
    async updateRole(accountId, name, patch, now) {
      const r = await db
        .updateTable('ram_roles')
        .set({ ...patch, updated_at: now })
        .where('account_id', '=', accountId)
        .where('name_lc', '=', name.toLowerCase())
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
