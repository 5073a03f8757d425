import type { Kysely } from 'kysely';
import type { RamExtrasRepo, RamMfaDevice } from '../ram-extras-ports.js';
import type { Database } from '../schema.js';

/** PostgreSQL returns BIGINT as strings: rows leave the store with numbers. */
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const device = (r: Database['ram_mfa_devices']): RamMfaDevice => ({
  ...r,
  last_step: num(r.last_step),
  activated_at: num(r.activated_at),
  created_at: Number(r.created_at),
});

/** A concurrent writer took the same unique value (SQLite or PostgreSQL). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function ramExtrasRepo(db: Kysely<Database>): RamExtrasRepo {
  return {
    async insertMfaDevice(d) {
      const r = await db
        .insertInto('ram_mfa_devices')
        .values(d)
        .onConflict((oc) => oc.column('serial_number').doNothing())
        .executeTakeFirst();
      return (r.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async getMfaDevice(serial) {
      const r = await db
        .selectFrom('ram_mfa_devices')
        .selectAll()
        .where('serial_number', '=', serial)
        .executeTakeFirst();
      return r && device(r);
    },
    async mfaDeviceOfUser(userId) {
      const r = await db.selectFrom('ram_mfa_devices').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return r && device(r);
    },
    async listMfaDevices(accountId) {
      const rows = await db
        .selectFrom('ram_mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('serial_number')
        .execute();
      return rows.map(device);
    },
    async deleteMfaDevice(serial) {
      const r = await db.deleteFrom('ram_mfa_devices').where('serial_number', '=', serial).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async bindMfaDevice(serial, userId, step, now) {
      try {
        const r = await db
          .updateTable('ram_mfa_devices')
          .set({ user_id: userId, last_step: step, activated_at: now })
          .where('serial_number', '=', serial)
          .where('user_id', 'is', null)
          .executeTakeFirst();
        return r.numUpdatedRows > 0n;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async unbindMfaDevice(serial) {
      const r = await db
        .updateTable('ram_mfa_devices')
        .set({ user_id: null, last_step: null, activated_at: null })
        .where('serial_number', '=', serial)
        .where('user_id', 'is not', null)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },

    async getSecurityPreference(accountId) {
      const r = await db
        .selectFrom('ram_security_preferences')
        .select('preference')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return r?.preference ?? null;
    },
    async setSecurityPreference(accountId, json, now) {
      await db
        .insertInto('ram_security_preferences')
        .values({ account_id: accountId, preference: json, updated_at: now })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ preference: json, updated_at: now }))
        .execute();
    },

    async recordKeyUses(uses) {
      for (const [id, at] of uses) {
        await db
          .insertInto('ram_access_key_usage')
          .values({ access_key_id: id, last_used_at: at })
          .onConflict((oc) =>
            oc
              .column('access_key_id')
              .doUpdateSet({ last_used_at: at })
              .where('ram_access_key_usage.last_used_at', '<', at),
          )
          .execute();
      }
    },
    async keyLastUsed(id) {
      const r = await db
        .selectFrom('ram_access_key_usage')
        .select('last_used_at')
        .where('access_key_id', '=', id)
        .executeTakeFirst();
      return r ? Number(r.last_used_at) : undefined;
    },

    async putTags(accountId, type, ids, tags, now) {
      for (const id of ids) {
        for (const t of tags) {
          await db
            .insertInto('ram_tags')
            .values({
              account_id: accountId,
              resource_type: type,
              resource_id: id,
              tag_key: t.key,
              tag_value: t.value,
              created_at: now,
            })
            .onConflict((oc) =>
              oc.columns(['account_id', 'resource_type', 'resource_id', 'tag_key']).doUpdateSet({ tag_value: t.value }),
            )
            .execute();
        }
      }
    },
    async removeTags(accountId, type, ids, keys) {
      if (ids.length === 0 || (keys !== 'all' && keys.length === 0)) return;
      let q = db
        .deleteFrom('ram_tags')
        .where('account_id', '=', accountId)
        .where('resource_type', '=', type)
        .where('resource_id', 'in', [...ids]);
      if (keys !== 'all') q = q.where('tag_key', 'in', [...keys]);
      await q.execute();
    },
    async listTags(accountId, type, ids) {
      if (ids && ids.length === 0) return [];
      let q = db
        .selectFrom('ram_tags')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('resource_type', '=', type);
      if (ids) q = q.where('resource_id', 'in', [...ids]);
      const rows = await q.orderBy('resource_id').orderBy('tag_key').execute();
      return rows.map((r) => ({ ...r, created_at: Number(r.created_at) }));
    },
  };
}
