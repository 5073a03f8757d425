/**
 * FROZEN once released: directory lifecycle, member deletion and invitations.
 * New tables only (no other area's table is altered); types both SQLite and PostgreSQL accept.
 *
 * - directory_options: per-directory switches (MemberDeletionStatus, ControlPolicyStatus); no row = both Disabled.
 * - account_deletions: one row per member deletion flow (check, then deletion), statuses derived
 *   from the recorded times and the configured delay.
 * - handshakes: invitations; at most one Pending handshake per (directory, invited account).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directory_options')
    .addColumn('directory_id', 'text', (c) => c.primaryKey())
    .addColumn('member_deletion_status', 'text', (c) => c.notNull())
    .addColumn('control_policy_status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_deletions')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('check_started_at', 'bigint', (c) => c.notNull())
    .addColumn('deletion_started_at', 'bigint')
    .addColumn('deleted_at', 'bigint')
    .addColumn('deletion_type', 'text')
    .execute();

  await db.schema
    .createTable('handshakes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('directory_id', 'text', (c) => c.notNull())
    .addColumn('management_account_id', 'text', (c) => c.notNull())
    .addColumn('target_entity', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_account_id', 'text', (c) => c.notNull())
    .addColumn('parent_folder_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('modified_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handshakes_one_pending')
    .on('handshakes')
    .columns(['directory_id', 'target_account_id'])
    .unique()
    .where(sql.ref('status'), '=', 'Pending')
    .execute();
  await db.schema
    .createIndex('handshakes_target')
    .on('handshakes')
    .columns(['target_account_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('handshakes_directory')
    .on('handshakes')
    .columns(['directory_id', 'created_at'])
    .execute();
}
