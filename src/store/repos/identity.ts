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
    async attachPolicy(a) {
      await db
        .insertInto('policy_attachments')
        .values({
          account_id: a.accountId,
          principal_type: a.principalType,
          principal_name: a.principalName,
          policy_type: a.policyType,
          policy_name: a.policyName,
          attached_at: a.now,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },
    async policiesOf(accountId, principalType, principalName) {
      const rows = await db
        .selectFrom('policy_attachments')
        .select('policy_name')
        .where('account_id', '=', accountId)
        .where('principal_type', '=', principalType)
        .where('principal_name', '=', principalName)
        .execute();
      return rows.map((r) => r.policy_name);
    },
  };
}
