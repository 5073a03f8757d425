import type { Kysely } from 'kysely';
import type { RamRepo } from '../ram-ports.js';
import type { Database } from '../schema.js';
import { changed, numeric } from './ram-rows.js';

/** Policy attachments to users, roles and groups. */
export function ramAttachmentRepo(
  db: Kysely<Database>,
): Pick<RamRepo, 'attach' | 'detach' | 'attachmentsOf' | 'attachmentsOfPolicy' | 'detachAllOfPolicy'> {
  return {
    async attach(a) {
      return changed(
        await db
          .insertInto('policy_attachments')
          .values(a)
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst(),
      );
    },
    async detach(a) {
      const r = await db
        .deleteFrom('policy_attachments')
        .where('account_id', '=', a.account_id)
        .where('principal_type', '=', a.principal_type)
        .where('principal_name', '=', a.principal_name)
        .where('policy_type', '=', a.policy_type)
        .where('policy_name', '=', a.policy_name)
        .executeTakeFirst();
      return changed(r);
    },
    async attachmentsOf(accountId, type, name) {
      const rows = await db
        .selectFrom('policy_attachments')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('principal_type', '=', type)
        .where('principal_name', '=', name)
        .orderBy('attached_at')
        .execute();
      return rows.map((r) => numeric(r, 'attached_at'));
    },
    async attachmentsOfPolicy(accountId, policyType, policyName) {
      const rows = await db
        .selectFrom('policy_attachments')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('policy_type', '=', policyType)
        .where('policy_name', '=', policyName)
        .execute();
      return rows.map((r) => numeric(r, 'attached_at'));
    },
    async detachAllOfPolicy(accountId, policyType, policyName) {
      await db
        .deleteFrom('policy_attachments')
        .where('account_id', '=', accountId)
        .where('policy_type', '=', policyType)
        .where('policy_name', '=', policyName)
        .execute();
    },
  };
}
