/** A store migrated before an earlier-named migration was merged still gets it (migrations from parallel branches). */
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { expect, it } from 'vitest';
import * as initial from '../../src/store/migrations/2026_11_29_0001_initial.js';
import * as identity from '../../src/store/migrations/2026_11_29_0003_identity.js';
import * as defence from '../../src/store/migrations/2026_11_29_0004_defence.js';
import { MIGRATION_NAMES, migrateToLatest } from '../../src/store/migrate.js';

it('applies 0002 (and later ones) to a store that already has 0001, 0003 and 0004', async () => {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  const older = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({
        '2026_11_29_0001_initial': initial,
        '2026_11_29_0003_identity': identity,
        '2026_11_29_0004_defence': defence,
      }),
    },
    migrationTableName: 'resdir_migrations',
    migrationLockTableName: 'resdir_migration_lock',
  });
  expect((await older.migrateToLatest()).error).toBeUndefined();
  const had = ['2026_11_29_0001_initial', '2026_11_29_0003_identity', '2026_11_29_0004_defence'];
  const applied = await migrateToLatest(db);
  expect(applied).toContain('2026_11_29_0002_sms_delivery');
  expect(applied).toEqual(MIGRATION_NAMES.filter((n) => !had.includes(n)));
  expect(await migrateToLatest(db)).toEqual([]);
  const tables = (await db.introspection.getTables()).map((t) => t.name);
  expect(tables).toEqual(expect.arrayContaining(['sms_attempts', 'sms_receipts']));
  await db.destroy();
});
