/**
 * The store's contract for the folder tree of a resource directory and the placement of members
 * in it. Structural changes serialize on a folder row: `lockFolder` takes a write lock on it (the
 * whole database on SQLite), so a check made after it (children, name taken) stays true until the
 * transaction ends. Call them inside `store.atomically`.
 */
import type { FoldersTable } from './schema.js';
import type { Member } from './ports.js';
import type { TagFilter } from './tag-ports.js';

export type FolderRow = FoldersTable;

export interface FolderPage {
  total: number;
  folders: FolderRow[];
}

export interface MemberFilter {
  directoryId: string;
  /** Only members directly in this folder. */
  folderId?: string;
  /** Case-insensitive substring of the account ID, account name or display name. */
  keyword?: string;
  /** Only members carrying every one of these tags. */
  tags?: readonly TagFilter[];
}

export interface FolderRepo {
  /**
   * Locks the folder's row for the rest of the transaction and returns it; undefined when it does
   * not exist (then nothing is locked).
   */
  lockFolder(id: string): Promise<FolderRow | undefined>;
  /** Inserts the folder; false when its parent already has a child of that name (nothing written). */
  insertFolder(f: FolderRow): Promise<boolean>;
  /** The child of `parentId` named `name`, if any. */
  childNamed(parentId: string, name: string): Promise<FolderRow | undefined>;
  /** Renames a folder; false when it does not exist. */
  renameFolder(id: string, name: string): Promise<boolean>;
  /** Deletes a folder and its tags; false when it did not exist. */
  deleteFolder(id: string): Promise<boolean>;
  /**
   * Direct children of a folder, oldest first, optionally filtered by a substring of the name and
   * by tags (every one of them).
   */
  childFolders(
    parentId: string,
    keyword: string | undefined,
    offset: number,
    limit: number,
    tags?: readonly TagFilter[],
  ): Promise<FolderPage>;
  /** How many folders and members a folder directly holds. */
  contentsOf(folderId: string): Promise<{ folders: number; members: number }>;
  /** Members matching the filter, oldest first (join time, then account ID). */
  listMembers(filter: MemberFilter, offset: number, limit: number): Promise<{ total: number; members: Member[] }>;
  /**
   * Moves a member from `fromFolderId` to `toFolderId`; false (nothing written) when the member is
   * no longer in `fromFolderId`, so of two racing moves that read the same place one loses.
   */
  moveMember(accountId: string, fromFolderId: string, toFolderId: string, now: number): Promise<boolean>;
  /**
   * Sets a member's display name (the membership's and the account's); false when another member of
   * the directory uses it already (nothing written).
   */
  renameMember(accountId: string, displayName: string, now: number): Promise<boolean>;
  /** Changes a member's type from `from` to `to`; false (nothing written) when it is no longer `from`. */
  setMemberType(accountId: string, from: MemberType, to: MemberType, now: number): Promise<boolean>;
}

export type MemberType = 'ResourceAccount' | 'CloudAccount';
