import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { IdentityRepo } from '../ports.js';

export function identityRepo(db: Kysely<Database>): IdentityRepo {
  return {
    async createUser(u) {
      await db.insertInto('ram_users').values(u).execute();
    },
    async getUser(accountId, name) {
      return db
        .selectFrom('ram_users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
    },
    async createAccessKey(k) {
      await db.insertInto('access_keys').values(k).execute();
    },
    async getAccessKey(id) {
      return db.selectFrom('access_keys').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async epochOf(accountId) {
      const row = await db
        .selectFrom('identity_epochs')
        .select('epoch')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(row?.epoch ?? 0);
    },
  };
}
