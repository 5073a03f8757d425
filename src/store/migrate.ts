import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/2026_11_29_0001_initial.js';
import * as smsDelivery from './migrations/2026_11_29_0002_sms_delivery.js';
import * as identity from './migrations/2026_11_29_0003_identity.js';
import * as defence from './migrations/2026_11_29_0004_defence.js';
import * as directoryLifecycle from './migrations/2026_12_02_0008_directory_lifecycle.js';
import * as directoryTree from './migrations/2026_12_02_0007_directory.js';
import * as hardening from './migrations/2026_12_02_0006_hardening.js';
import * as hotPath from './migrations/2026_12_02_0005_hot_path.js';
import * as identityEpochs from './migrations/2026_12_02_0009_identity_epochs.js';
import * as ramGroups from './migrations/2026_12_02_0010_ram_groups.js';
import * as ramLogin from './migrations/2026_12_02_0011_ram_login.js';
import * as accountRecords from './migrations/2026_12_02_0012_account_records.js';
import * as controlPolicies from './migrations/2026_12_02_0013_control_policies.js';
import * as tagsDelegation from './migrations/2026_12_02_0014_tags_delegation.js';
import * as ramExtras from './migrations/2026_12_02_0015_ram_extras.js';
import * as memberBilling from './migrations/2026_12_02_0017_member_billing.js';
import * as messageContacts from './migrations/2026_12_02_0016_message_contacts.js';
import * as messageContactVerification from './migrations/2026_12_02_0018_message_contact_verification.js';
import * as sendGuard from './migrations/2026_12_02_0020_send_guard.js';
import * as bindPhone from './migrations/2026_12_02_0021_bind_phone.js';
import * as sendPlans from './migrations/2026_12_02_0022_send_plans.js';
import * as sendWithoutSubtransaction from './migrations/2026_12_02_0023_send_without_subtransaction.js';
import * as inlineDelivery from './migrations/2026_12_03_0024_inline_delivery.js';

/** Every migration, in order. Listed explicitly: no directory scanning at run time. */
const MIGRATIONS: Record<string, Migration> = {
  '2026_11_29_0001_initial': initial,
  '2026_11_29_0002_sms_delivery': smsDelivery,
  '2026_11_29_0003_identity': identity,
  '2026_11_29_0004_defence': defence,
  '2026_12_02_0005_hot_path': hotPath,
  '2026_12_02_0006_hardening': hardening,
  '2026_12_02_0007_directory': directoryTree,
  '2026_12_02_0008_directory_lifecycle': directoryLifecycle,
  '2026_12_02_0009_identity_epochs': identityEpochs,
  '2026_12_02_0010_ram_groups': ramGroups,
  '2026_12_02_0011_ram_login': ramLogin,
  '2026_12_02_0012_account_records': accountRecords,
  '2026_12_02_0013_control_policies': controlPolicies,
  '2026_12_02_0014_tags_delegation': tagsDelegation,
  '2026_12_02_0015_ram_extras': ramExtras,
  '2026_12_02_0016_message_contacts': messageContacts,
  '2026_12_02_0017_member_billing': memberBilling,
  '2026_12_02_0018_message_contact_verification': messageContactVerification,
  '2026_12_02_0020_send_guard': sendGuard,
  '2026_12_02_0021_bind_phone': bindPhone,
  '2026_12_02_0022_send_plans': sendPlans,
  '2026_12_02_0023_send_without_subtransaction': sendWithoutSubtransaction,
  '2026_12_03_0024_inline_delivery': inlineDelivery,
};

/** Names of every migration, in order (for checks that a database is fully migrated). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Applies pending migrations; returns the names applied now. Throws with the failing name. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator runs before the schema types apply
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Work lands in parallel, so a store may have applied a later-named migration before an
  // earlier one was merged (0003 and 0004 before 0002): pending ones then still run, in name
  // order. Hence every migration after 0001 must not depend on another one's changes.
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'resdir_migrations',
    migrationLockTableName: 'resdir_migration_lock',
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${why}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
