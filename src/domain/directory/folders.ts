import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newFolderId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, FolderRow, Store } from '../../store/ports.js';
import type { TagFilter } from '../../store/tag-ports.js';

/** Folders below the root folder may nest this deep (the root folder is level 0). */
export const MAX_FOLDER_DEPTH = 5;
/** Ancestor walks stop here whatever the data says, so a corrupt parent chain cannot loop. */
const WALK_LIMIT = MAX_FOLDER_DEPTH + 2;

/** Folder names are compared and stored in Unicode NFC, so look-alike compositions are one name. */
export const normalizeFolderName = (name: string): string => name.normalize('NFC');

const notFound = (id: string): ApiFailure =>
  failure('EntityNotExists.Folder', `The folder ${id} does not exist in the resource directory.`);
const nameTaken = (name: string): ApiFailure =>
  failure('InvalidParameter.Folder.Name.AlreadyUsed', `The parent folder already has a folder named "${name}".`);

/**
 * The folder tree of a directory. Every change locks the folder it depends on first (the parent for
 * a new or renamed child, the folder itself for a deletion), so checks and writes cannot interleave
 * with a racing change; the unique index on (parent, name) backs the name rule.
 */
export class FolderService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** A folder of `dir`. Failure: EntityNotExists.Folder (404). */
  async get(dir: Directory, id: string): Promise<Result<FolderRow, ApiFailure>> {
    const f = await this.store.directory.getFolder(id);
    return f && f.directory_id === dir.id ? ok(normalize(f)) : err(notFound(id));
  }

  /** The folder's ancestors, the root folder first, without the folder itself. */
  async ancestors(f: FolderRow): Promise<FolderRow[]> {
    const chain: FolderRow[] = [];
    let id = f.parent_id;
    for (let i = 0; id !== null && i < WALK_LIMIT; i++) {
      const p = await this.store.directory.getFolder(id);
      if (!p) break;
      chain.unshift(normalize(p));
      id = p.parent_id;
    }
    return chain;
  }

  /** `rd-…/r-…/fd-…`, the folder's path from its directory. */
  async path(dir: Directory, f: FolderRow): Promise<string> {
    return [dir.id, ...(await this.ancestors(f)).map((a) => a.id), f.id].join('/');
  }

  /**
   * Creates a folder under `parentId` (the root folder by default). Failures: EntityNotExists.Folder
   * (404), LimitExceeded.Folder.Depth (409), InvalidParameter.Folder.Name.AlreadyUsed (400).
   */
  async create(dir: Directory, name: string, parentId?: string): Promise<Result<FolderRow, ApiFailure>> {
    const folderName = normalizeFolderName(name);
    const parentRef = parentId ?? dir.root_folder_id;
    return this.store.atomically(async (tx) => {
      const parent = await tx.folders.lockFolder(parentRef);
      if (!parent || parent.directory_id !== dir.id) return err(notFound(parentRef));
      if ((await this.ancestors(parent)).length + 1 > MAX_FOLDER_DEPTH) {
        return err(
          failure(
            'LimitExceeded.Folder.Depth',
            `At most ${MAX_FOLDER_DEPTH} levels of folders can be created under the root folder.`,
          ),
        );
      }
      if (await tx.folders.childNamed(parent.id, folderName)) return err(nameTaken(folderName));
      const folder: FolderRow = {
        id: newFolderId(),
        directory_id: dir.id,
        parent_id: parent.id,
        name: folderName,
        created_at: this.clock.now(),
      };
      return (await tx.folders.insertFolder(folder)) ? ok(folder) : err(nameTaken(folderName));
    });
  }

  /**
   * Renames a folder other than the root folder. Failures: EntityNotExists.Folder (404),
   * InvalidParameter.FolderId (400) for the root folder, InvalidParameter.Folder.Name.AlreadyUsed (400).
   */
  async rename(dir: Directory, id: string, name: string): Promise<Result<FolderRow, ApiFailure>> {
    const folderName = normalizeFolderName(name);
    return this.store.atomically(async (tx) => {
      const current = await this.get(dir, id);
      if (!current.ok) return current;
      const parentId = current.value.parent_id;
      if (parentId === null) return err(rootRefused('renamed'));
      await tx.folders.lockFolder(parentId);
      const same = await tx.folders.childNamed(parentId, folderName);
      if (same && same.id !== id) return err(nameTaken(folderName));
      if (!(await tx.folders.renameFolder(id, folderName))) return err(notFound(id));
      return ok({ ...current.value, name: folderName });
    });
  }

  /**
   * Deletes an empty folder other than the root folder. Failures: EntityNotExists.Folder (404),
   * InvalidParameter.FolderId (400) for the root folder, DeleteConflict.Folder.SubFolder (409),
   * DeleteConflict.Folder.Account (409).
   */
  async remove(dir: Directory, id: string): Promise<Result<FolderRow, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const f = await tx.folders.lockFolder(id);
      if (!f || f.directory_id !== dir.id) return err(notFound(id));
      if (f.parent_id === null) return err(rootRefused('deleted'));
      const held = await tx.folders.contentsOf(id);
      if (held.folders > 0) {
        return err(failure('DeleteConflict.Folder.SubFolder', `The folder ${id} contains folders; delete them first.`));
      }
      if (held.members > 0) {
        return err(
          failure('DeleteConflict.Folder.Account', `The folder ${id} contains member accounts; move them first.`),
        );
      }
      await tx.folders.deleteFolder(id);
      return ok(normalize(f));
    });
  }

  /** Direct children of a folder of `dir` (the root folder by default). Failure: EntityNotExists.Folder. */
  async children(
    dir: Directory,
    parentId: string | undefined,
    keyword: string | undefined,
    pageNumber: number,
    pageSize: number,
    tags?: readonly TagFilter[],
  ): Promise<Result<{ total: number; folders: FolderRow[] }, ApiFailure>> {
    const parent = await this.get(dir, parentId ?? dir.root_folder_id);
    if (!parent.ok) return parent;
    const offset = (pageNumber - 1) * pageSize;
    const page = await this.store.folders.childFolders(parent.value.id, keyword, offset, pageSize, tags);
    return ok({ total: page.total, folders: page.folders.map(normalize) });
  }
}

const normalize = (f: FolderRow): FolderRow => ({ ...f, created_at: Number(f.created_at) });

const rootRefused = (what: string): ApiFailure =>
  failure('InvalidParameter.FolderId', `The root folder of a resource directory cannot be ${what}.`);
