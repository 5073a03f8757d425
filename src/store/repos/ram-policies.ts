import type { Kysely } from 'kysely';
import type { RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';

/** Custom-policy primitives beyond creation and versions (see ram.ts for those). */
export function ramPolicyRepo(db: Kysely<Database>): Pick<RamRepo, 'updatePolicyDescription'> {
  return {
    async updatePolicyDescription(accountId, name, description, now) {
      const r = await db
        .updateTable('ram_policies')
        .set({ description, updated_at: now })
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
  };
}
