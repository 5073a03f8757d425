import type { Kysely } from 'kysely';
import type { RamLoginProfile, RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';

type LoginRepo = Pick<
  RamRepo,
  | 'getLoginProfile'
  | 'insertLoginProfile'
  | 'updateLoginProfile'
  | 'deleteLoginProfile'
  | 'setAccountAlias'
  | 'getAccountSettings'
  | 'setPasswordPolicy'
>;

/** PostgreSQL returns BIGINT as strings: rows leave the store with numbers. */
const profile = (r: Database['ram_login_profiles']): RamLoginProfile => ({
  ...r,
  password_reset_required: Number(r.password_reset_required),
  mfa_bind_required: Number(r.mfa_bind_required),
  created_at: Number(r.created_at),
  updated_at: Number(r.updated_at),
});

/** RAM console logins (login profiles) and per-account settings (alias, password policy). */
export function ramLoginRepo(db: Kysely<Database>): LoginRepo {
  const upsertSettings = (accountId: string, set: { alias?: string | null; password_policy?: string }, now: number) =>
    db
      .insertInto('ram_account_settings')
      .values({ account_id: accountId, alias: null, password_policy: null, ...set, updated_at: now })
      .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...set, updated_at: now }))
      .execute();
  return {
    async getLoginProfile(userId) {
      const r = await db.selectFrom('ram_login_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
      return r && profile(r);
    },
    async insertLoginProfile(p) {
      const r = await db
        .insertInto('ram_login_profiles')
        .values(p)
        .onConflict((oc) => oc.column('user_id').doNothing())
        .executeTakeFirst();
      return (r.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async updateLoginProfile(userId, patch, now) {
      const r = await db
        .updateTable('ram_login_profiles')
        .set({ ...patch, updated_at: now })
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async deleteLoginProfile(userId) {
      const r = await db.deleteFrom('ram_login_profiles').where('user_id', '=', userId).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async setAccountAlias(accountId, alias, now) {
      if (alias !== null) {
        const owner = await db
          .selectFrom('ram_account_settings')
          .select('account_id')
          .where('alias', '=', alias)
          .executeTakeFirst();
        if (owner && owner.account_id !== accountId) return false;
      }
      try {
        await upsertSettings(accountId, { alias }, now);
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async getAccountSettings(accountId) {
      const r = await db
        .selectFrom('ram_account_settings')
        .select(['alias', 'password_policy'])
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return { alias: r?.alias ?? null, passwordPolicy: r?.password_policy ?? null };
    },
    async setPasswordPolicy(accountId, policyJson, now) {
      await upsertSettings(accountId, { password_policy: policyJson }, now);
    },
  };
}

/** A concurrent writer took the same unique value (SQLite or PostgreSQL). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
