import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';
import type { RamRepo } from '../ram-ports.js';
import { ramGroupRepo } from './ram-groups.js';
import { ramPolicyRepo } from './ram-policies.js';
import { ramRoleRepo } from './ram-roles.js';
import { ramLoginRepo } from './ram-login.js';
import { ramAttachmentRepo } from './ram-attachments.js';
import { ramSessionRepo } from './ram-sessions.js';
import { changed, numeric } from './ram-rows.js';

export function ramRepo(db: Kysely<Database>): RamRepo {
  const user = (r: Database['ram_users']) => numeric(r, 'created_at', 'updated_at');
  const role = (r: Database['ram_roles']) => numeric(r, 'created_at', 'updated_at', 'max_session_duration');
  const policy = (r: Database['ram_policies']) => numeric(r, 'created_at', 'updated_at', 'next_version');
  return {
    ...ramGroupRepo(db),
    ...ramPolicyRepo(db),
    ...ramRoleRepo(db),
    ...ramLoginRepo(db),
    async lockIdentity(accountId, userName) {
      const r =
        userName === null
          ? await db
              .updateTable('accounts')
              .set((eb) => ({ created_at: eb.ref('created_at') }))
              .where('id', '=', accountId)
              .executeTakeFirst()
          : await db
              .updateTable('ram_users')
              .set((eb) => ({ updated_at: eb.ref('updated_at') }))
              .where('account_id', '=', accountId)
              .where('name', '=', userName)
              .executeTakeFirst();
      return changed(r);
    },
    async insertUser(u) {
      return changed(
        await db
          .insertInto('ram_users')
          .values(u)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
    },
    async listUsers(accountId) {
      return (
        await db.selectFrom('ram_users').selectAll().where('account_id', '=', accountId).orderBy('name').execute()
      ).map(user);
    },
    async updateUser(accountId, name, patch, now) {
      const newName = patch.name ?? name;
      if (newName !== name) {
        // Names are unique regardless of case; a user may change the case of its own name.
        const taken = await db
          .selectFrom('ram_users')
          .select('id')
          .where('account_id', '=', accountId)
          .where(sql`lower(name)`, '=', newName.toLowerCase())
          .where('name', '<>', name)
          .executeTakeFirst();
        if (taken) return false;
        await db
          .updateTable('access_keys')
          .set({ user_name: newName })
          .where('account_id', '=', accountId)
          .where('user_name', '=', name)
          .execute();
        await db
          .updateTable('policy_attachments')
          .set({ principal_name: newName })
          .where('account_id', '=', accountId)
          .where('principal_type', '=', 'User')
          .where('principal_name', '=', name)
          .execute();
        await db
          .updateTable('ram_group_members')
          .set({ user_name: newName })
          .where('account_id', '=', accountId)
          .where('user_name', '=', name)
          .execute();
      }
      const { name: _n, ...rest } = patch;
      const r = await db
        .updateTable('ram_users')
        .set({ ...rest, name: newName, updated_at: now })
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
      return changed(r);
    },
    async deleteUser(accountId, name) {
      return changed(
        await db
          .deleteFrom('ram_users')
          .where('account_id', '=', accountId)
          .where('name', '=', name)
          .executeTakeFirst(),
      );
    },

    async listAccessKeys(accountId, userName) {
      const q = db.selectFrom('access_keys').selectAll().where('account_id', '=', accountId);
      const rows = await (userName === null ? q.where('user_name', 'is', null) : q.where('user_name', '=', userName))
        .orderBy('created_at')
        .execute();
      return rows.map((r) => numeric(r, 'created_at'));
    },
    async setAccessKeyStatus(id, status) {
      return changed(await db.updateTable('access_keys').set({ status }).where('id', '=', id).executeTakeFirst());
    },
    async deleteAccessKey(id) {
      return changed(await db.deleteFrom('access_keys').where('id', '=', id).executeTakeFirst());
    },

    async insertRole(r) {
      return changed(
        await db
          .insertInto('ram_roles')
          .values(r)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
    },
    async getRole(accountId, name) {
      const r = await db
        .selectFrom('ram_roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_lc', '=', name.toLowerCase())
        .executeTakeFirst();
      return r && role(r);
    },
    async listRoles(accountId) {
      return (
        await db.selectFrom('ram_roles').selectAll().where('account_id', '=', accountId).orderBy('name_lc').execute()
      ).map(role);
    },
    async deleteRole(accountId, name) {
      return changed(
        await db
          .deleteFrom('ram_roles')
          .where('account_id', '=', accountId)
          .where('name_lc', '=', name.toLowerCase())
          .executeTakeFirst(),
      );
    },

    async insertPolicy(p, v) {
      const inserted = changed(
        await db
          .insertInto('ram_policies')
          .values(p)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
      if (inserted) await db.insertInto('ram_policy_versions').values(v).execute();
      return inserted;
    },
    async getPolicy(accountId, name) {
      const r = await db
        .selectFrom('ram_policies')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
      return r && policy(r);
    },
    async listPolicies(accountId) {
      return (
        await db.selectFrom('ram_policies').selectAll().where('account_id', '=', accountId).orderBy('name').execute()
      ).map(policy);
    },
    async getPolicyVersion(accountId, name, versionId) {
      const r = await db
        .selectFrom('ram_policy_versions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('policy_name', '=', name)
        .where('version_id', '=', versionId)
        .executeTakeFirst();
      return r && numeric(r, 'created_at');
    },
    async listPolicyVersions(accountId, name) {
      const rows = await db
        .selectFrom('ram_policy_versions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('policy_name', '=', name)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => numeric(r, 'created_at'));
    },
    async claimNextVersion(accountId, name, now) {
      const r = await db
        .updateTable('ram_policies')
        .set((eb) => ({ next_version: eb('next_version', '+', 1), updated_at: now }))
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .returning('next_version')
        .executeTakeFirst();
      return r ? Number(r.next_version) - 1 : undefined;
    },
    async insertPolicyVersion(v) {
      await db.insertInto('ram_policy_versions').values(v).execute();
    },
    async deletePolicyVersion(accountId, name, versionId) {
      return changed(
        await db
          .deleteFrom('ram_policy_versions')
          .where('account_id', '=', accountId)
          .where('policy_name', '=', name)
          .where('version_id', '=', versionId)
          .executeTakeFirst(),
      );
    },
    async setDefaultVersion(accountId, name, versionId, now) {
      await db
        .updateTable('ram_policies')
        .set({ default_version: versionId, updated_at: now })
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .execute();
    },
    async deletePolicy(accountId, name) {
      await db
        .deleteFrom('ram_policy_versions')
        .where('account_id', '=', accountId)
        .where('policy_name', '=', name)
        .execute();
      return changed(
        await db
          .deleteFrom('ram_policies')
          .where('account_id', '=', accountId)
          .where('name', '=', name)
          .executeTakeFirst(),
      );
    },

    async insertGroup(g) {
      return changed(
        await db
          .insertInto('ram_groups')
          .values(g)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
    },
    async getGroup(accountId, name) {
      const r = await db
        .selectFrom('ram_groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
      return r && numeric(r, 'created_at', 'updated_at');
    },
    async addUserToGroup(accountId, groupName, userName, now) {
      const r = await db
        .insertInto('ram_group_members')
        .values({ account_id: accountId, group_name: groupName, user_name: userName, joined_at: now })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return changed(r);
    },
    async groupsOfUser(accountId, userName) {
      const rows = await db
        .selectFrom('ram_group_members')
        .select('group_name')
        .where('account_id', '=', accountId)
        .where('user_name', '=', userName)
        .execute();
      return rows.map((r) => r.group_name);
    },
    ...ramAttachmentRepo(db),
    ...ramSessionRepo(db),
  };
}
