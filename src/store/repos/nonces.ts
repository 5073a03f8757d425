import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { NonceRepo } from '../ports.js';

export function nonceRepo(db: Kysely<Database>): NonceRepo {
  return {
    async claim(accessKeyId, nonce, expiresAt) {
      // The primary key makes the insert the single point of truth: one claimer wins.
      const row = await db
        .insertInto('request_nonces')
        .values({ access_key_id: accessKeyId, nonce, expires_at: expiresAt })
        .onConflict((oc) => oc.doNothing())
        .returning('nonce')
        .executeTakeFirst();
      return row !== undefined;
    },
    async purgeExpired(now) {
      const r = await db.deleteFrom('request_nonces').where('expires_at', '<', now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
