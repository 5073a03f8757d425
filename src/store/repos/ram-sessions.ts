import type { Kysely } from 'kysely';
import type { RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';
import { numeric } from './ram-rows.js';

/** STS sessions: issued credentials, looked up by AccessKey ID, purged once expired. */
export function ramSessionRepo(
  db: Kysely<Database>,
): Pick<RamRepo, 'insertSession' | 'getSession' | 'purgeExpiredSessions'> {
  return {
    async insertSession(s) {
      await db.insertInto('sts_sessions').values(s).execute();
    },
    async getSession(accessKeyId) {
      const r = await db
        .selectFrom('sts_sessions')
        .selectAll()
        .where('access_key_id', '=', accessKeyId)
        .executeTakeFirst();
      return r && numeric(r, 'created_at', 'expires_at');
    },
    async purgeExpiredSessions(now) {
      const r = await db.deleteFrom('sts_sessions').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
