/**
 * The RAM role Alibaba Cloud creates in every member it creates: `ResourceDirectoryAccountAccessRole`,
 * trusting the management account (any of its RAM identities with sts:AssumeRole may assume it)
 * and holding AdministratorAccess inside the member.
 */
import { newRamUserId } from '../../lib/ids.js';
import type { Repos } from '../../store/ports.js';

export const ACCESS_ROLE_NAME = 'ResourceDirectoryAccountAccessRole';

export const accessRoleTrustPolicy = (managementAccountId: string): string =>
  JSON.stringify({
    Statement: [
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { RAM: [`acs:ram::${managementAccountId}:root`] } },
    ],
    Version: '1',
  });

/** Creates the role in `memberAccountId` (inside the caller's transaction); a role already there is kept. */
export async function provisionAccessRole(
  tx: Pick<Repos, 'ram'>,
  memberAccountId: string,
  managementAccountId: string,
  now: number,
): Promise<void> {
  const created = await tx.ram.insertRole({
    id: newRamUserId(),
    account_id: memberAccountId,
    name: ACCESS_ROLE_NAME,
    name_lc: ACCESS_ROLE_NAME.toLowerCase(),
    description: 'The role the management account of the resource directory uses to access this member.',
    trust_policy: accessRoleTrustPolicy(managementAccountId),
    max_session_duration: 3600,
    created_at: now,
    updated_at: now,
  });
  if (!created) return;
  await tx.ram.attach({
    account_id: memberAccountId,
    principal_type: 'Role',
    principal_name: ACCESS_ROLE_NAME,
    policy_type: 'System',
    policy_name: 'AdministratorAccess',
    attached_at: now,
  });
}
