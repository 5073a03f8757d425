/**
 * Resource ARNs of the Resource Directory operations (resource-directory-api.md §9):
 * accounts are acs:resourcemanager::<caller uid>:account/<ResourceDirectoryPath>, folders
 * …:folder/<ResourceDirectoryPath>. The lookups run only after the caller passed the
 * action-level check (auth/authorize.ts), and an unresolvable target falls back to an ARN built
 * from the raw parameter, so the answer never depends on whether the target exists for a
 * caller that has no right to the action.
 */
import type { ApiFailure } from '../../errors/catalog.js';
import { ok, type Result } from '../../lib/result.js';
import type { Directory } from '../../store/ports.js';
import { memberMemoKey } from '../../domain/directory/directory.js';
import type { ResourceRequest } from '../define.js';

/**
 * The caller's account ID, also for a delegated administrator reading its directory: a RAM policy
 * of the member account names its own account's resources (the management account's ARNs as before).
 */
const base = (r: ResourceRequest): string => `acs:resourcemanager::${r.principal.accountId}`;

/**
 * The directory whose entities the caller's ARNs name: the one it manages (already loaded), else the
 * one it is a member of. Resources are resolved only after the caller rule admitted the caller.
 */
export function callerDirectory(r: ResourceRequest<unknown>): Promise<Result<Directory, ApiFailure>> {
  return r.managed ? Promise.resolve(ok(r.managed)) : r.services.directory.visibleTo(r.principal);
}

/** account/<rd>/<folders…>/<AccountId> for a member of the caller's directory. */
export async function memberAccountArn(r: ResourceRequest): Promise<string> {
  const accountId = r.input.AccountId ?? '';
  if (/^\d{16}$/.test(accountId)) {
    const dir = await callerDirectory(r);
    if (dir.ok) {
      const member = await r.services.directory.memberOf(dir.value, accountId, r.memo);
      r.memo.set(memberMemoKey(dir.value, accountId), member);
      if (member.ok) return `${base(r)}:account/${await r.services.directory.pathOf(dir.value, member.value)}`;
    }
  }
  return `${base(r)}:account/${accountId === '' ? '*' : accountId}`;
}

/** folder/<rd>/<folders…> of the parent folder of a new member (the root folder by default). */
export async function parentFolderArn(r: ResourceRequest): Promise<string> {
  const dir = await r.services.directory.managedBy(r.principal);
  if (!dir.ok) return `${base(r)}:folder/*`;
  const folderId = r.input.ParentFolderId || dir.value.root_folder_id;
  const path = await r.services.directory.folderPathOf(dir.value, folderId);
  return `${base(r)}:folder/${path ?? `${dir.value.id}/${folderId}`}`;
}

export const allAccountsArn = (r: ResourceRequest): string => `${base(r)}:account/*`;
export const directoryArn = (r: ResourceRequest): string => `${base(r)}:resourcedirectory/*`;
