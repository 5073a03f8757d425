/**
 * PostgreSQL: `resdir_send_code_guarded` keeps its plans cached per session again, with sequential
 * scans off inside it (see indexPlans, migration 0021) instead of being planned on every call
 * (migration 0020): the same index plans at a lower cost per Send.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { indexPlans } from './2026_12_02_0021_bind_phone.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql.raw('alter function resdir_send_code_guarded(jsonb) reset plan_cache_mode').execute(db);
  await indexPlans(db, 'resdir_send_code_guarded(jsonb)');
}

export async function down(): Promise<void> {
  throw new Error('frozen migrations are not reversed');
}
