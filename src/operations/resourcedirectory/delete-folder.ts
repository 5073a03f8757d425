import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { folderArnOf } from './folder-resources.js';
import { FOLDER_ID_ERRORS, FolderIdParam } from './folder-params.js';

/** Deletes a folder that holds neither folders nor members (never the root folder). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DeleteFolder',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:DeleteFolder',
  officialParams: {
    '2020-03-31': ['FolderId'],
    '2022-04-19': ['FolderId'],
  },
  resource: () => '*',
  resolveResource: folderArnOf('FolderId'),
  callerRule: 'management-account',
  input: Type.Object({ FolderId: FolderIdParam }),
  paramErrors: { FolderId: FOLDER_ID_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'InvalidParameter.FolderId',
    'DeleteConflict.Folder.SubFolder',
    'DeleteConflict.Folder.Account',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const removed = await ctx.services.folders.remove(dir.value, input.FolderId);
    if (!removed.ok) return removed;
    return ok({});
  },
});
