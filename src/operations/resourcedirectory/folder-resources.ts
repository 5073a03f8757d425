/**
 * Resource ARNs of the folder operations: acs:resourcemanager::<caller uid>:folder/<ResourceDirectoryPath>
 * of the folder the call names (resource-directory-api.md §9), in the directory the caller manages or
 * (a delegated administrator's read) is a member of. As in resources.ts, the lookup runs
 * only after the action-level check, and an unknown folder falls back to an ARN of the raw ID.
 */
import type { ResourceRequest } from '../define.js';
import { callerDirectory } from './resources.js';

/** folder/<rd>/<r-…>/<fd-…> of the folder named by the parameter `param` (the root folder when it is absent). */
export function folderArnOf(param: string) {
  return async (r: ResourceRequest): Promise<string> => {
    const base = `acs:resourcemanager::${r.principal.accountId}:folder`;
    const dir = await callerDirectory(r);
    if (!dir.ok) return `${base}/*`;
    const id = r.input[param] || dir.value.root_folder_id;
    const folder = await r.services.folders.get(dir.value, id);
    if (!folder.ok) return `${base}/${dir.value.id}/${id}`;
    return `${base}/${await r.services.folders.path(dir.value, folder.value)}`;
  };
}
