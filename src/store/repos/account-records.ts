import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AccountRecord, AccountRecordRepo } from '../account-record-ports.js';

const toRecord = (r: AccountRecord): AccountRecord => ({
  ...r,
  sent_at: Number(r.sent_at),
  confirm_at: r.confirm_at === null ? null : Number(r.confirm_at),
  expires_at: Number(r.expires_at),
  created_at: Number(r.created_at),
  modified_at: Number(r.modified_at),
});

export function accountRecordRepo(db: Kysely<Database>): AccountRecordRepo {
  return {
    async insert(r) {
      const row = await db
        .insertInto('account_records')
        .values(r)
        .onConflict((oc) => oc.doNothing())
        .returning('record_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async get(recordId) {
      const r = await db.selectFrom('account_records').selectAll().where('record_id', '=', recordId).executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },
    async latest(accountId, kind) {
      const r = await db
        .selectFrom('account_records')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('kind', '=', kind)
        .orderBy('created_at', 'desc')
        .orderBy('record_id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? toRecord(r) : undefined;
    },
    async latestOf(accountIds, kind) {
      const out = new Map<string, AccountRecord>();
      if (accountIds.length === 0) return out;
      const rows = await db
        .selectFrom('account_records')
        .selectAll()
        .where('account_id', 'in', [...accountIds])
        .where('kind', '=', kind)
        .orderBy('created_at', 'asc')
        .orderBy('record_id', 'asc')
        .execute();
      for (const r of rows) out.set(r.account_id, toRecord(r));
      return out;
    },
    async settle(recordId, to, now) {
      const r = await db
        .updateTable('account_records')
        .set({ status: to, modified_at: now })
        .where('record_id', '=', recordId)
        .where('status', '=', 'Pending')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async resend(recordId, times, now) {
      const r = await db
        .updateTable('account_records')
        .set({ ...times, status: 'Pending', modified_at: now })
        .where('record_id', '=', recordId)
        .where('status', 'in', ['Pending', 'Expired'])
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('account_records as other')
                .select('other.record_id')
                .whereRef('other.account_id', '=', 'account_records.account_id')
                .where('other.status', '=', 'Pending')
                .where('other.record_id', '<>', recordId),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async due(now, limit) {
      const rows = await db
        .selectFrom('account_records')
        .selectAll()
        .where('status', '=', 'Pending')
        .where((eb) => eb.or([eb('confirm_at', '<=', now), eb('expires_at', '<=', now)]))
        .orderBy('sent_at')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
    async forget(accountId) {
      await db.deleteFrom('account_records').where('account_id', '=', accountId).execute();
    },
    async nameTaken(name) {
      const r = await db
        .selectFrom('accounts')
        .select('id')
        .where(sql<string>`lower(account_name)`, '=', name.toLowerCase())
        .executeTakeFirst();
      return r !== undefined;
    },
    async rename(accountId, name) {
      const r = await db
        .updateTable('accounts')
        .set({ account_name: name })
        .where('id', '=', accountId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('accounts as other')
                .select('other.id')
                .where(sql<string>`lower(other.account_name)`, '=', name.toLowerCase())
                .where('other.id', '<>', accountId),
            ),
          ),
        )
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async setMemberState(accountId, from, to, now) {
      const r = await db
        .updateTable('members')
        .set({ status: to.status, ...(to.type ? { type: to.type } : {}), modify_time: now })
        .where('account_id', '=', accountId)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async dropUnconfirmed(accountId) {
      await db.deleteFrom('members').where('account_id', '=', accountId).execute();
      await db.deleteFrom('accounts').where('id', '=', accountId).execute();
    },
  };
}
