import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';
import type { DefenceRepo } from '../defence-ports.js';

/** A bound value typed as BIGINT for PostgreSQL (parameters in CASE branches need a type); a no-op on SQLite. */
const big = (v: number | null): RawBuilder<number> => sql<number>`cast(${v} as bigint)`;

/**
 * Verification defence primitives. Each guard is ONE statement: an upsert whose DO UPDATE carries
 * the guard in its WHERE, so the database decides on the row it locks (SQLite serializes writers;
 * PostgreSQL locks the conflicting row). SET expressions read the row's values before the update
 * on both dialects.
 */
export function defenceRepo(db: Kysely<Database>): DefenceRepo {
  return {
    async claimBackoff(subject, now, baseMs, maxMs, resetMs) {
      const gap = sql.ref<number>('send_backoff.gap_ms');
      const last = sql.ref<number>('send_backoff.last_sent_at');
      const restart = sql<boolean>`${last} <= ${big(now - resetMs)}`;
      const doubled = sql<number>`case when ${restart} then ${big(baseMs)}
        when ${gap} * 2 >= ${big(maxMs)} then ${big(maxMs)} else ${gap} * 2 end`;
      const row = await db
        .insertInto('send_backoff')
        .values({ subject, gap_ms: baseMs, last_sent_at: now, next_allowed_at: now + baseMs })
        .onConflict((oc) =>
          oc
            .column('subject')
            .doUpdateSet({
              gap_ms: doubled,
              next_allowed_at: sql<number>`${big(now)} + ${doubled}`,
              last_sent_at: big(now),
            })
            .where('send_backoff.next_allowed_at', '<=', now),
        )
        .returning('gap_ms')
        .executeTakeFirst();
      if (row) return { waitMs: 0, gapMs: Number(row.gap_ms) };
      const current = await db
        .selectFrom('send_backoff')
        .select(['next_allowed_at', 'gap_ms'])
        .where('subject', '=', subject)
        .executeTakeFirst();
      return {
        waitMs: Math.max(1, Number(current?.next_allowed_at ?? now) - now),
        gapMs: Number(current?.gap_ms ?? baseMs),
      };
    },

    async takePairAttempt(subject, now, max, windowMs, lockMs) {
      const failures = sql.ref<number>('verification_failures.failures');
      const locked = sql.ref<number | null>('verification_failures.locked_until');
      const start = sql.ref<number>('verification_failures.window_start');
      const fresh = sql<boolean>`(${start} <= ${big(now - windowMs)}
        or (${locked} is not null and ${locked} <= ${big(now)}))`;
      const lockOnFirst = max <= 1 ? now + lockMs : null;
      const row = await db
        .insertInto('verification_failures')
        .values({ subject, window_start: now, failures: 1, locked_until: lockOnFirst })
        .onConflict((oc) =>
          oc
            .column('subject')
            .doUpdateSet({
              failures: sql<number>`case when ${fresh} then 1 else ${failures} + 1 end`,
              locked_until: sql<number | null>`case when ${fresh} then ${big(lockOnFirst)}
                when ${failures} + 1 >= ${max} then ${big(now + lockMs)} else ${big(null)} end`,
              window_start: sql<number>`case when ${fresh} then ${big(now)} else ${start} end`,
            })
            .where(sql<boolean>`(${fresh} or (${locked} is null and ${failures} < ${max}))`),
        )
        .returning('failures')
        .executeTakeFirst();
      return row !== undefined;
    },

    async pairLockedUntil(subject, now) {
      const row = await db
        .selectFrom('verification_failures')
        .select('locked_until')
        .where('subject', '=', subject)
        .where('locked_until', '>', now)
        .executeTakeFirst();
      return row?.locked_until == null ? undefined : Number(row.locked_until);
    },

    async clearPair(subject) {
      await db.deleteFrom('verification_failures').where('subject', '=', subject).execute();
    },

    async counter(scope, subject, windowStart) {
      const row = await db
        .selectFrom('send_counters')
        .select('count')
        .where('scope', '=', scope)
        .where('subject', '=', subject)
        .where('window_start', '=', windowStart)
        .executeTakeFirst();
      return Number(row?.count ?? 0);
    },

    async blockedUntil(keys, now) {
      if (keys.length === 0) return undefined;
      const rows = await db
        .selectFrom('breaker_trips')
        .select('blocked_until')
        .where((eb) => eb.or(keys.map((k) => eb.and([eb('scope', '=', k.scope), eb('subject', '=', k.subject)]))))
        .where('blocked_until', '>', now)
        .execute();
      return rows.length ? Math.max(...rows.map((r) => Number(r.blocked_until))) : undefined;
    },

    async trip(scope, subject, now, until) {
      const row = await db
        .insertInto('breaker_trips')
        .values({ scope, subject, tripped_at: now, blocked_until: until })
        .onConflict((oc) =>
          oc
            .columns(['scope', 'subject'])
            .doUpdateSet({ tripped_at: big(now), blocked_until: big(until) })
            .where('breaker_trips.blocked_until', '<=', now),
        )
        .returning('subject')
        .executeTakeFirst();
      return row !== undefined;
    },

    async findIdempotent(scope, token, now) {
      const row = await db
        .selectFrom('idempotency_records')
        .selectAll()
        .where('scope', '=', scope)
        .where('token', '=', token)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? { ...row, created_at: Number(row.created_at), expires_at: Number(row.expires_at) } : undefined;
    },

    async saveIdempotent(r, now) {
      const row = await db
        .insertInto('idempotency_records')
        .values(r)
        .onConflict((oc) =>
          oc
            .columns(['scope', 'token'])
            .doUpdateSet({
              fingerprint: r.fingerprint,
              response: r.response,
              created_at: big(r.created_at),
              expires_at: big(r.expires_at),
            })
            .where('idempotency_records.expires_at', '<=', now),
        )
        .returning('token')
        .executeTakeFirst();
      return row !== undefined;
    },

    async purgeIdempotent(now) {
      const r = await db.deleteFrom('idempotency_records').where('expires_at', '<=', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
