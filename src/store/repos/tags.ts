import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { DelegationRepo, TagRepo, TaggedType } from '../tag-ports.js';

/** `%`, `_` and `\` taken literally in a LIKE pattern (escape character `\`). */
const likeContains = (s: string): string => `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const num = <T extends { created_at: number | string }>(r: T): T => ({ ...r, created_at: Number(r.created_at) });

export function tagRepo(db: Kysely<Database>): TagRepo {
  /** Rows of resources that still exist in the row's directory (a removed member's tags stay hidden). */
  const live = (type: TaggedType) => {
    const q = db.selectFrom('rd_tags as t').where('t.resource_type', '=', type);
    return type === 'Account'
      ? q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('members as m')
              .select('m.account_id')
              .whereRef('m.account_id', '=', 't.resource_id')
              .whereRef('m.directory_id', '=', 't.directory_id'),
          ),
        )
      : q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('folders as f')
              .select('f.id')
              .whereRef('f.id', '=', 't.resource_id')
              .whereRef('f.directory_id', '=', 't.directory_id'),
          ),
        );
  };
  return {
    async lockResource(type, id) {
      // A no-op write: PostgreSQL row-locks it until the transaction ends; SQLite runs one writer at a time.
      const r =
        type === 'Account'
          ? await db
              .updateTable('members')
              .set((eb) => ({ modify_time: eb.ref('modify_time') }))
              .where('account_id', '=', id)
              .executeTakeFirst()
          : await db
              .updateTable('folders')
              .set((eb) => ({ name: eb.ref('name') }))
              .where('id', '=', id)
              .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async tagsOf(type, ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('rd_tags')
        .selectAll()
        .where('resource_type', '=', type)
        .where('resource_id', 'in', [...ids])
        .orderBy('resource_id')
        .orderBy('tag_key')
        .execute();
      return rows.map(num);
    },
    async putTag(row) {
      await db
        .insertInto('rd_tags')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['resource_type', 'resource_id', 'tag_key']).doUpdateSet({ tag_value: row.tag_value }),
        )
        .execute();
    },
    async removeTags(type, id, keys) {
      if (keys?.length === 0) return 0;
      let q = db.deleteFrom('rd_tags').where('resource_type', '=', type).where('resource_id', '=', id);
      if (keys) q = q.where('tag_key', 'in', [...keys]);
      return Number((await q.executeTakeFirst()).numDeletedRows);
    },
    async tagResources(query, offset, limit) {
      let q = live(query.type).where('t.directory_id', '=', query.directoryId);
      if (query.resourceIds) q = q.where('t.resource_id', 'in', [...query.resourceIds]);
      const tags = query.tags;
      if (tags && tags.length > 0) {
        q = q.where((eb) =>
          eb.or(
            tags.map((f) =>
              f.value === undefined
                ? eb('t.tag_key', '=', f.key)
                : eb.and([eb('t.tag_key', '=', f.key), eb('t.tag_value', '=', f.value)]),
            ),
          ),
        );
      }
      const rows = await q
        .selectAll('t')
        .orderBy('t.resource_id')
        .orderBy('t.tag_key')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map(num);
    },
    async tagKeys(directoryId, type, filter, offset, limit) {
      let q = live(type).where('t.directory_id', '=', directoryId);
      if (filter !== undefined) q = q.where(sql`lower(t.tag_key)`, 'like', sql`${likeContains(filter)} escape '\\'`);
      const rows = await q.select('t.tag_key').distinct().orderBy('t.tag_key').offset(offset).limit(limit).execute();
      return rows.map((r) => r.tag_key);
    },
    async tagValues(directoryId, type, key, filter, offset, limit) {
      let q = live(type).where('t.directory_id', '=', directoryId).where('t.tag_key', '=', key);
      if (filter !== undefined) q = q.where(sql`lower(t.tag_value)`, 'like', sql`${likeContains(filter)} escape '\\'`);
      const rows = await q
        .select('t.tag_value')
        .distinct()
        .orderBy('t.tag_value')
        .offset(offset)
        .limit(limit)
        .execute();
      return rows.map((r) => r.tag_value);
    },
  };
}

export function delegationRepo(db: Kysely<Database>): DelegationRepo {
  /** Delegations of accounts that are still members of the directory. */
  const current = () =>
    db
      .selectFrom('rd_delegated_admins as d')
      .innerJoin('members as m', (j) =>
        j.onRef('m.account_id', '=', 'd.account_id').onRef('m.directory_id', '=', 'd.directory_id'),
      );
  return {
    async lockDirectory(directoryId) {
      await db
        .updateTable('resource_directories')
        .set((eb) => ({ management_account_id: eb.ref('management_account_id') }))
        .where('id', '=', directoryId)
        .execute();
    },
    async addDelegation(row) {
      const r = await db
        .insertInto('rd_delegated_admins')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returning('account_id')
        .executeTakeFirst();
      return r !== undefined;
    },
    async removeDelegation(directoryId, servicePrincipal, accountId) {
      const r = await db
        .deleteFrom('rd_delegated_admins')
        .where('directory_id', '=', directoryId)
        .where('service_principal', '=', servicePrincipal)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) === 1;
    },
    async delegations(directoryId, servicePrincipal) {
      let q = current().where('d.directory_id', '=', directoryId);
      if (servicePrincipal !== undefined) q = q.where('d.service_principal', '=', servicePrincipal);
      const rows = await q.selectAll('d').orderBy('d.enabled_at').orderBy('d.account_id').execute();
      return rows.map((r) => ({ ...r, enabled_at: Number(r.enabled_at) }));
    },
    async enabledServices(directoryId, accountId) {
      let q = current().where('d.directory_id', '=', directoryId);
      if (accountId !== undefined) q = q.where('d.account_id', '=', accountId);
      const rows = await q
        .select(['d.service_principal', sql<number | string>`min(d.enabled_at)`.as('enabled_at')])
        .groupBy('d.service_principal')
        .orderBy('d.service_principal')
        .execute();
      return rows.map((r) => ({ service_principal: r.service_principal, enabled_at: Number(r.enabled_at) }));
    },
    async administeredDirectory(accountId) {
      return current()
        .innerJoin('resource_directories as r', 'r.id', 'd.directory_id')
        .where('d.account_id', '=', accountId)
        .selectAll('r')
        .limit(1)
        .executeTakeFirst();
    },
  };
}
