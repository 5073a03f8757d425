import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { LimitRepo } from '../ports.js';

export function limitRepo(db: Kysely<Database>): LimitRepo {
  return {
    async increment(scope, subject, windowStart, limit) {
      if (limit <= 0) return undefined;
      // Upsert with a guarded update: the row is only bumped while count < limit, atomically.
      const row = await db
        .insertInto('send_counters')
        .values({ scope, subject, window_start: windowStart, count: 1 })
        .onConflict((oc) =>
          oc
            .columns(['scope', 'subject', 'window_start'])
            .doUpdateSet((eb) => ({ count: eb('send_counters.count', '+', 1) }))
            .where('send_counters.count', '<', limit),
        )
        .returning('count')
        .executeTakeFirst();
      return row ? Number(row.count) : undefined;
    },
  };
}
