import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { MetaRepo } from '../ports.js';

export function metaRepo(db: Kysely<Database>): MetaRepo {
  return {
    async get(key) {
      const r = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
      return r?.value;
    },
    async setIfAbsent(key, value) {
      const r = await db
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.doNothing())
        .returning('key')
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
