import type { Directory } from '../../store/ports.js';
import type { DirectorySwitches } from '../../domain/directory/lifecycle.js';
import { iso } from './views.js';

/** `ResourceDirectory` of EnableResourceDirectory / InitResourceDirectory. */
export function enabledDirectoryView(d: Directory, managementAccountName: string): Record<string, unknown> {
  return {
    ResourceDirectoryId: d.id,
    RootFolderId: d.root_folder_id,
    MasterAccountId: d.management_account_id,
    MasterAccountName: managementAccountName,
    CreateTime: iso(d.created_at),
  };
}

/**
 * `ResourceDirectory` of GetResourceDirectory: the switches as stored. IdentityInformation is the
 * management account's real-name identity, which resdir accounts do not have: always empty.
 */
export function fullDirectoryView(d: Directory, managementAccountName: string, s: DirectorySwitches) {
  return {
    ...enabledDirectoryView(d, managementAccountName),
    ControlPolicyStatus: s.control_policy_status,
    MemberDeletionStatus: s.member_deletion_status,
    IdentityInformation: '',
  };
}
