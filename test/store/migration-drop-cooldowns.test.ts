/** The unused resend-cooldown table is gone once a store is migrated; the backoff table replaces it. */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/store/migrate.js';

it('a migrated store has send_backoff and no send_cooldowns', async () => {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await migrateToLatest(db);
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  expect(tables).toContain('send_backoff');
  expect(tables).not.toContain('send_cooldowns');
  await db.destroy();
});
