/**
 * FROZEN once released: control policies of a resource directory.
 * New tables, and one nullable column added to directory_options; types both SQLite and PostgreSQL accept.
 *
 * - directory_options.control_policy_changed_at: when the control policy switch last moved to
 *   PendingEnable or PendingDisable (the status completes a configured delay later).
 * - control_policies: the custom control policies of a directory; names unique per directory. The
 *   system policy FullAliyunAccess is not stored.
 * - control_policy_attachments: custom policies attached to a folder or a member.
 * - control_policy_system_detachments: targets FullAliyunAccess was detached from (it is attached to
 *   every folder and member that has no row here).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('directory_options').addColumn('control_policy_changed_at', 'bigint').execute();

  await db.schema
    .createTable('control_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('effect_scope', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('control_policies_name')
    .on('control_policies')
    .columns(['directory_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('control_policy_attachments')
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('control_policy_attachments_pk', ['target_id', 'policy_id'])
    .execute();
  await db.schema
    .createIndex('control_policy_attachments_policy')
    .on('control_policy_attachments')
    .columns(['policy_id', 'attached_at'])
    .execute();
  await db.schema
    .createIndex('control_policy_attachments_directory')
    .on('control_policy_attachments')
    .columns(['directory_id'])
    .execute();

  await db.schema
    .createTable('control_policy_system_detachments')
    .addColumn('target_id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('detached_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('control_policy_system_detachments_directory')
    .on('control_policy_system_detachments')
    .columns(['directory_id'])
    .execute();
}
