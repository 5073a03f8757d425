/**
 * FROZEN once released: the folder tree of a resource directory.
 *
 * - folders_parent_name: a folder name is unique under one parent (the guarantee behind
 *   InvalidParameter.Folder.Name.AlreadyUsed, holding under concurrent creation).
 * - members_folder: members listed by folder (ListAccountsForParent, DeleteFolder's emptiness check).
 * Only indexes: no column changes, so it is independent of every other migration.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('folders_parent_name').on('folders').columns(['parent_id', 'name']).unique().execute();
  await db.schema.createIndex('members_folder').on('members').columns(['folder_id', 'join_time']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('members_folder').execute();
  await db.schema.dropIndex('folders_parent_name').execute();
}
