import type { Kysely } from 'kysely';

/** RAM groups record when they were last changed (UpdateGroup), for GetGroup/ListGroups' UpdateDate. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema types apply
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ram_groups').addColumn('updated_at', 'bigint').execute();
  await db
    .updateTable('ram_groups')
    .set((eb) => ({ updated_at: eb.ref('created_at') }))
    .execute();
  await db.schema
    .createIndex('ram_group_members_user')
    .on('ram_group_members')
    .columns(['account_id', 'user_name'])
    .execute();
}
