import type { FolderRow } from '../../store/ports.js';
import { iso } from './views.js';

/** The `Folder` object of CreateFolder / UpdateFolder (GetFolder adds ResourceDirectoryPath). */
export const folderView = (f: FolderRow): Record<string, unknown> => ({
  FolderId: f.id,
  FolderName: f.name,
  ParentFolderId: f.parent_id ?? '',
  CreateTime: iso(f.created_at),
});

/** A folder in ListFoldersForParent / ListAncestors. */
export const folderListItem = (f: FolderRow): Record<string, unknown> => ({
  FolderId: f.id,
  FolderName: f.name,
  CreateTime: iso(f.created_at),
});
