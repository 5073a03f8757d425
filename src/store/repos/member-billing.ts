import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { MemberBillingRepo } from '../member-billing-ports.js';

export function memberBillingRepo(db: Kysely<Database>): MemberBillingRepo {
  return {
    async displayNameSync(directoryId) {
      const r = await db
        .selectFrom('rd_display_name_sync')
        .select('status')
        .where('directory_id', '=', directoryId)
        .executeTakeFirst();
      return r?.status ?? 'Disabled';
    },
    async setDisplayNameSync(directoryId, status, now) {
      await db
        .insertInto('rd_display_name_sync')
        .values({ directory_id: directoryId, status, updated_at: now })
        .onConflict((oc) => oc.column('directory_id').doUpdateSet({ status, updated_at: now }))
        .execute();
    },
    async payerOf(directoryId, accountId) {
      const r = await db
        .selectFrom('rd_member_payers')
        .select('payer_account_id')
        .where('account_id', '=', accountId)
        .where('directory_id', '=', directoryId)
        .executeTakeFirst();
      return r?.payer_account_id;
    },
    async setPayer(directoryId, accountId, payerAccountId, now) {
      if (payerAccountId === accountId) {
        await db.deleteFrom('rd_member_payers').where('account_id', '=', accountId).execute();
        return;
      }
      const row = { directory_id: directoryId, payer_account_id: payerAccountId, updated_at: now };
      await db
        .insertInto('rd_member_payers')
        .values({ account_id: accountId, ...row })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
        .execute();
    },
    async paidBy(directoryId, payerAccountId) {
      const rows = await db
        .selectFrom('rd_member_payers')
        .select('account_id')
        .where('directory_id', '=', directoryId)
        .where('payer_account_id', '=', payerAccountId)
        .execute();
      return rows.map((r) => r.account_id);
    },
  };
}
