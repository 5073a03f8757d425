import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { CodeRepo } from '../ports.js';

export function codeRepo(db: Kysely<Database>): CodeRepo {
  return {
    async supersede(purpose, accountId, now) {
      await db
        .updateTable('verification_codes')
        .set({ superseded_at: now })
        .where('purpose', '=', purpose)
        .where('account_id', '=', accountId)
        .where('consumed_at', 'is', null)
        .where('superseded_at', 'is', null)
        .execute();
    },
    async insert(c) {
      await db.insertInto('verification_codes').values(c).execute();
    },
    async takeAttempt(purpose, accountId, now) {
      // One statement: the guard (attempts < max_attempts, not consumed, not superseded, not expired)
      // is evaluated by the database on the row it updates, so concurrent attempts cannot overshoot.
      const newest = db
        .selectFrom('verification_codes')
        .select('id')
        .where('purpose', '=', purpose)
        .where('account_id', '=', accountId)
        .where('consumed_at', 'is', null)
        .where('superseded_at', 'is', null)
        .orderBy('created_at', 'desc')
        // ids are time-ordered and unique: a same-millisecond tie has one answer on every dialect
        .orderBy('id', 'desc')
        .limit(1);
      const row = await db
        .updateTable('verification_codes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', newest)
        .whereRef('attempts', '<', 'max_attempts')
        .where('expires_at', '>', now)
        .where('consumed_at', 'is', null)
        .where('superseded_at', 'is', null)
        .returning(['id', 'phone', 'code_mac', 'attempts', 'max_attempts', 'created_at'])
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        phone: row.phone,
        codeMac: row.code_mac,
        attempts: Number(row.attempts),
        maxAttempts: Number(row.max_attempts),
        createdAt: Number(row.created_at),
      };
    },
    async consume(id, now) {
      const r = await db
        .updateTable('verification_codes')
        .set({ consumed_at: now })
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
