import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { folderArnOf } from './folder-resources.js';
import { FOLDER_ID_ERRORS, FOLDER_NAME_ERRORS, FolderIdParam, FolderNameParam } from './folder-params.js';
import { folderView } from './folder-views.js';

/** Renames a folder (never the root folder); the name stays unique under its parent. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UpdateFolder',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:UpdateFolder',
  officialParams: {
    '2020-03-31': ['FolderId', 'NewFolderName'],
    '2022-04-19': ['FolderId', 'NewFolderName'],
  },
  resource: () => '*',
  resolveResource: folderArnOf('FolderId'),
  callerRule: 'management-account',
  input: Type.Object({ FolderId: FolderIdParam, NewFolderName: FolderNameParam }),
  paramErrors: { FolderId: FOLDER_ID_ERRORS, NewFolderName: FOLDER_NAME_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'InvalidParameter.FolderId',
    'InvalidParameter.Folder.Name.AlreadyUsed',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const renamed = await ctx.services.folders.rename(dir.value, input.FolderId, input.NewFolderName);
    if (!renamed.ok) return renamed;
    return ok({ Folder: folderView(renamed.value) });
  },
});
