import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { AuditLogRepo } from '../defence-ports.js';

/** Queries over audit_events (by the time-ordered id, newest first by default) and the retention sweep. */
export function auditLogRepo(db: Kysely<Database>): AuditLogRepo {
  return {
    async lookup(q) {
      let s = db.selectFrom('audit_events').selectAll().where('time', '>=', q.startTime).where('time', '<=', q.endTime);
      if (q.callerAccountId !== undefined) s = s.where('caller_account_id', '=', q.callerAccountId);
      if (q.action !== undefined) s = s.where('action', '=', q.action);
      if (q.principalArn !== undefined) s = s.where('principal_arn', '=', q.principalArn);
      if (q.accessKeyId !== undefined) s = s.where('access_key_id', '=', q.accessKeyId);
      if (q.targetAccountId !== undefined) s = s.where('target_account_id', '=', q.targetAccountId);
      if (q.resultCode !== undefined) s = s.where('result_code', '=', q.resultCode);
      if (q.sourceIp !== undefined) s = s.where('source_ip', '=', q.sourceIp);
      if (q.eventId !== undefined) s = s.where('id', '=', q.eventId);
      if (q.beforeId !== undefined) s = s.where('id', '<', q.beforeId);
      if (q.afterId !== undefined) s = s.where('id', '>', q.afterId);
      const rows = await s
        .orderBy('id', q.oldestFirst ? 'asc' : 'desc')
        .limit(q.limit)
        .execute();
      return rows.map((r) => ({ ...r, time: Number(r.time), detail: r.detail ?? null }));
    },
    async purgeBefore(cutoff) {
      const r = await db.deleteFrom('audit_events').where('time', '<', cutoff).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
