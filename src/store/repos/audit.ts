import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditRepo } from '../ports.js';

/** Append-only: this repository offers no update or delete. */
export function auditRepo(db: Kysely<Database>): AuditRepo {
  return {
    async append(e) {
      await db.insertInto('audit_events').values(e).execute();
    },
    async recent(limit) {
      const rows = await db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, time: Number(r.time) }));
    },
  };
}
