import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AccountDeletion, Handshake, LifecycleRepo } from '../lifecycle-ports.js';

/** Tables holding an account's own data (RAM, confirmation-mail records), removed with the account. */
const ACCOUNT_TABLES = [
  'access_keys',
  'ram_users',
  'ram_roles',
  'ram_groups',
  'ram_group_members',
  'ram_policies',
  'ram_policy_versions',
  'policy_attachments',
  'sts_sessions',
  'account_records',
  'rd_delegated_admins',
] as const;

const toDeletion = (r: AccountDeletion): AccountDeletion => ({
  ...r,
  check_started_at: Number(r.check_started_at),
  deletion_started_at: r.deletion_started_at === null ? null : Number(r.deletion_started_at),
  deleted_at: r.deleted_at === null ? null : Number(r.deleted_at),
});
const toHandshake = (r: Handshake): Handshake => ({
  ...r,
  created_at: Number(r.created_at),
  modified_at: Number(r.modified_at),
  expires_at: Number(r.expires_at),
});

export function lifecycleRepo(db: Kysely<Database>): LifecycleRepo {
  return {
    async createDirectory(d, root) {
      const row = await db
        .insertInto('resource_directories')
        .values(d)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await db.insertInto('folders').values(root).execute();
      return true;
    },
    async accountIdByName(name) {
      const r = await db.selectFrom('accounts').select('id').where('account_name', '=', name).executeTakeFirst();
      return r?.id;
    },
    async contents(d) {
      const f = await db
        .selectFrom('folders')
        .select(sql<number>`count(*)`.as('n'))
        .where('directory_id', '=', d.id)
        .where('id', '<>', d.root_folder_id)
        .executeTakeFirstOrThrow();
      const m = await db
        .selectFrom('members')
        .select(sql<number>`count(*)`.as('n'))
        .where('directory_id', '=', d.id)
        .where('account_id', '<>', d.management_account_id)
        .executeTakeFirstOrThrow();
      return { folders: Number(f.n), members: Number(m.n) };
    },
    async destroyDirectory(d) {
      await db.deleteFrom('handshakes').where('directory_id', '=', d.id).execute();
      await db.deleteFrom('directory_options').where('directory_id', '=', d.id).execute();
      await db.deleteFrom('members').where('directory_id', '=', d.id).execute();
      await db.deleteFrom('folders').where('directory_id', '=', d.id).execute();
      await db.deleteFrom('resource_directories').where('id', '=', d.id).execute();
    },
    async options(directoryId) {
      const r = await db
        .selectFrom('directory_options')
        .select(['member_deletion_status', 'control_policy_status'])
        .where('directory_id', '=', directoryId)
        .executeTakeFirst();
      return r ?? { member_deletion_status: 'Disabled', control_policy_status: 'Disabled' };
    },
    async setMemberDeletionStatus(directoryId, status, now) {
      await db
        .insertInto('directory_options')
        .values({
          directory_id: directoryId,
          member_deletion_status: status,
          control_policy_status: 'Disabled',
          updated_at: now,
        })
        .onConflict((oc) => oc.column('directory_id').doUpdateSet({ member_deletion_status: status, updated_at: now }))
        .execute();
    },
    async startCheck(accountId, directoryId, now) {
      const row = await db
        .insertInto('account_deletions')
        .values({
          account_id: accountId,
          directory_id: directoryId,
          check_started_at: now,
          deletion_started_at: null,
          deleted_at: null,
          deletion_type: null,
        })
        .onConflict((oc) =>
          oc
            .column('account_id')
            .doUpdateSet({ directory_id: directoryId, check_started_at: now })
            .where('account_deletions.deletion_started_at', 'is', null),
        )
        .returning('account_id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async getDeletion(accountId) {
      const r = await db
        .selectFrom('account_deletions')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return r ? toDeletion(r) : undefined;
    },
    async startDeletion(accountId, now, deletionType) {
      const r = await db
        .updateTable('account_deletions')
        .set({ deletion_started_at: now, deletion_type: deletionType })
        .where('account_id', '=', accountId)
        .where('deletion_started_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async dueDeletions(startedBefore, limit) {
      const rows = await db
        .selectFrom('account_deletions')
        .selectAll()
        .where('deleted_at', 'is', null)
        .where('deletion_started_at', '<=', startedBefore)
        .orderBy('deletion_started_at')
        .limit(limit)
        .execute();
      return rows.map(toDeletion);
    },
    async completeDeletion(accountId, now) {
      const r = await db
        .updateTable('account_deletions')
        .set({ deleted_at: now })
        .where('account_id', '=', accountId)
        .where('deleted_at', 'is', null)
        .where('deletion_started_at', 'is not', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      for (const t of ACCOUNT_TABLES) await db.deleteFrom(t).where('account_id', '=', accountId).execute();
      await db.deleteFrom('handshakes').where('target_account_id', '=', accountId).execute();
      await db
        .deleteFrom('rd_tags')
        .where('resource_type', '=', 'Account')
        .where('resource_id', '=', accountId)
        .execute();
      await db.deleteFrom('members').where('account_id', '=', accountId).execute();
      await db.deleteFrom('accounts').where('id', '=', accountId).execute();
      return true;
    },
    async removeMember(accountId, directoryId) {
      const r = await db
        .deleteFrom('members')
        .where('account_id', '=', accountId)
        .where('directory_id', '=', directoryId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) !== 1) return false;
      // What the membership carried goes with it: its tags and delegations.
      await db
        .deleteFrom('rd_tags')
        .where('resource_type', '=', 'Account')
        .where('resource_id', '=', accountId)
        .execute();
      await db
        .deleteFrom('rd_delegated_admins')
        .where('account_id', '=', accountId)
        .where('directory_id', '=', directoryId)
        .execute();
      return true;
    },
    async expirePending(directoryId, targetAccountId, now) {
      await db
        .updateTable('handshakes')
        .set({ status: 'Expired', modified_at: now })
        .where('directory_id', '=', directoryId)
        .where('target_account_id', '=', targetAccountId)
        .where('status', '=', 'Pending')
        .where('expires_at', '<=', now)
        .execute();
    },
    async insertHandshake(h) {
      const row = await db
        .insertInto('handshakes')
        .values(h)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async getHandshake(id) {
      const r = await db.selectFrom('handshakes').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toHandshake(r) : undefined;
    },
    async settleHandshake(id, to, now) {
      const r = await db
        .updateTable('handshakes')
        .set({ status: to, modified_at: now })
        .where('id', '=', id)
        .where('status', '=', 'Pending')
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async listHandshakes(by, offset, limit) {
      const base = () =>
        'directoryId' in by
          ? db.selectFrom('handshakes').where('directory_id', '=', by.directoryId)
          : db.selectFrom('handshakes').where('target_account_id', '=', by.targetAccountId);
      const total = await base().select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await base()
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { total: Number(total.n), handshakes: rows.map(toHandshake) };
    },
  };
}
