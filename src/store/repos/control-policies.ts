import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type {
  ControlPolicyRepo,
  ControlPolicyRow,
  ControlPolicyStatus,
  ControlPolicySwitch,
  TargetAttachment,
} from '../control-policy-ports.js';

const num = (v: unknown): number => Number(v);
const policyRow = (r: ControlPolicyRow): ControlPolicyRow => ({
  ...r,
  created_at: num(r.created_at),
  updated_at: num(r.updated_at),
});
const toSwitch = (r: { control_policy_status: ControlPolicyStatus; control_policy_changed_at?: unknown } | undefined) =>
  ({
    status: r?.control_policy_status ?? 'Disabled',
    changedAt: r?.control_policy_changed_at == null ? null : num(r.control_policy_changed_at),
  }) satisfies ControlPolicySwitch;
const toTarget = (r: {
  target_id: string;
  target_name: string;
  target_type: string;
  at: unknown;
}): TargetAttachment => ({
  targetId: r.target_id,
  targetName: r.target_name,
  targetType: r.target_type === 'Folder' ? 'Folder' : 'Account',
  attachedAt: num(r.at),
});

export function controlPolicyRepo(db: Kysely<Database>): ControlPolicyRepo {
  const liveFolders = (directoryId: string) =>
    db
      .selectFrom('folders')
      .select(['id as target_id', 'name as target_name', sql<string>`'Folder'`.as('target_type'), 'created_at as at'])
      .where('directory_id', '=', directoryId);
  const liveMembers = (directoryId: string) =>
    db
      .selectFrom('members')
      .select([
        'account_id as target_id',
        'display_name as target_name',
        sql<string>`'Account'`.as('target_type'),
        'join_time as at',
      ])
      .where('directory_id', '=', directoryId);
  const readSwitch = async (directoryId: string) =>
    toSwitch(
      await db
        .selectFrom('directory_options')
        .select(['control_policy_status', 'control_policy_changed_at'])
        .where('directory_id', '=', directoryId)
        .executeTakeFirst(),
    );
  return {
    async lockSwitch(directoryId, now) {
      await db
        .insertInto('directory_options')
        .values({
          directory_id: directoryId,
          member_deletion_status: 'Disabled',
          control_policy_status: 'Disabled',
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('directory_id').doUpdateSet((eb) => ({ updated_at: eb.ref('directory_options.updated_at') })),
        )
        .execute();
      return readSwitch(directoryId);
    },
    readSwitch,
    async setSwitch(directoryId, status, now) {
      await db
        .updateTable('directory_options')
        .set({ control_policy_status: status, control_policy_changed_at: now, updated_at: now })
        .where('directory_id', '=', directoryId)
        .execute();
    },
    async scopeOf(accountId) {
      const r = await db
        .selectFrom('members as m')
        .innerJoin('resource_directories as d', 'd.id', 'm.directory_id')
        .leftJoin('directory_options as o', 'o.directory_id', 'm.directory_id')
        .select([
          'm.directory_id',
          'm.folder_id',
          'd.management_account_id',
          'o.control_policy_status',
          'o.control_policy_changed_at',
        ])
        .where('m.account_id', '=', accountId)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        directoryId: r.directory_id,
        managementAccountId: r.management_account_id,
        folderId: r.folder_id,
        switch: toSwitch(
          r.control_policy_status === null
            ? undefined
            : {
                control_policy_status: r.control_policy_status,
                control_policy_changed_at: r.control_policy_changed_at,
              },
        ),
      };
    },
    async insertPolicy(p) {
      await db.insertInto('control_policies').values(p).execute();
    },
    async countPolicies(directoryId) {
      const r = await db
        .selectFrom('control_policies')
        .select(sql<number>`count(*)`.as('n'))
        .where('directory_id', '=', directoryId)
        .executeTakeFirstOrThrow();
      return num(r.n);
    },
    async getPolicy(directoryId, id) {
      const r = await db
        .selectFrom('control_policies')
        .selectAll()
        .where('directory_id', '=', directoryId)
        .where('id', '=', id)
        .executeTakeFirst();
      return r && policyRow(r);
    },
    async policyNamed(directoryId, name) {
      const r = await db
        .selectFrom('control_policies')
        .selectAll()
        .where('directory_id', '=', directoryId)
        .where('name', '=', name)
        .executeTakeFirst();
      return r && policyRow(r);
    },
    async updatePolicy(id, p) {
      await db.updateTable('control_policies').set(p).where('id', '=', id).execute();
    },
    async deletePolicy(id) {
      await db.deleteFrom('control_policy_attachments').where('policy_id', '=', id).execute();
      await db.deleteFrom('control_policies').where('id', '=', id).execute();
    },
    async listPolicies(directoryId, offset, limit) {
      const q = db.selectFrom('control_policies').where('directory_id', '=', directoryId);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows =
        limit <= 0 ? [] : await q.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute();
      return { total: num(total.n), policies: rows.map(policyRow) };
    },
    async customAttachments(directoryId, targetIds) {
      if (targetIds.length === 0) return [];
      const rows = await db
        .selectFrom('control_policy_attachments as a')
        .innerJoin('control_policies as p', 'p.id', 'a.policy_id')
        .selectAll('p')
        .select(['a.target_id', 'a.attached_at'])
        .where('a.directory_id', '=', directoryId)
        .where('a.target_id', 'in', [...targetIds])
        .orderBy('a.attached_at')
        .orderBy('a.policy_id')
        .execute();
      return rows.map(({ target_id, attached_at, ...p }) => ({
        targetId: target_id,
        attachedAt: num(attached_at),
        policy: policyRow(p),
      }));
    },
    async systemDetached(directoryId, targetIds) {
      if (targetIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('control_policy_system_detachments')
        .select('target_id')
        .where('directory_id', '=', directoryId)
        .where('target_id', 'in', [...targetIds])
        .execute();
      return new Set(rows.map((r) => r.target_id));
    },
    async attach(a) {
      await db.insertInto('control_policy_attachments').values(a).execute();
    },
    async detach(targetId, policyId) {
      const r = await db
        .deleteFrom('control_policy_attachments')
        .where('target_id', '=', targetId)
        .where('policy_id', '=', policyId)
        .executeTakeFirst();
      return num(r.numDeletedRows) === 1;
    },
    async detachSystem(directoryId, targetId, now) {
      await db
        .insertInto('control_policy_system_detachments')
        .values({ target_id: targetId, directory_id: directoryId, detached_at: now })
        .onConflict((oc) => oc.column('target_id').doUpdateSet({ directory_id: directoryId, detached_at: now }))
        .execute();
    },
    async reattachSystem(targetId) {
      const r = await db
        .deleteFrom('control_policy_system_detachments')
        .where('target_id', '=', targetId)
        .executeTakeFirst();
      return num(r.numDeletedRows) === 1;
    },
    async targetsOfPolicy(directoryId, policyId, offset, limit) {
      const live = liveFolders(directoryId).unionAll(liveMembers(directoryId)).as('t');
      const q = db
        .selectFrom('control_policy_attachments as a')
        .innerJoin(live, 't.target_id', 'a.target_id')
        .where('a.policy_id', '=', policyId)
        .where('a.directory_id', '=', directoryId);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await q
        .select(['a.target_id', 't.target_name', 't.target_type', 'a.attached_at as at'])
        .orderBy('a.attached_at')
        .orderBy('a.target_id')
        .offset(offset)
        .limit(limit)
        .execute();
      return { total: num(total.n), targets: rows.map(toTarget) };
    },
    async systemTargets(directoryId, offset, limit) {
      const detached = db
        .selectFrom('control_policy_system_detachments')
        .select('target_id')
        .where('directory_id', '=', directoryId);
      const live = liveFolders(directoryId).unionAll(liveMembers(directoryId)).as('t');
      const q = db.selectFrom(live).where('t.target_id', 'not in', detached);
      const total = await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('t.at').orderBy('t.target_id').offset(offset).limit(limit).execute();
      return { total: num(total.n), targets: rows.map(toTarget) };
    },
    async clearAttachments(directoryId) {
      await db.deleteFrom('control_policy_attachments').where('directory_id', '=', directoryId).execute();
      await db.deleteFrom('control_policy_system_detachments').where('directory_id', '=', directoryId).execute();
    },
    async dropDirectory(directoryId) {
      await db.deleteFrom('control_policy_attachments').where('directory_id', '=', directoryId).execute();
      await db.deleteFrom('control_policy_system_detachments').where('directory_id', '=', directoryId).execute();
      await db.deleteFrom('control_policies').where('directory_id', '=', directoryId).execute();
    },
  };
}
