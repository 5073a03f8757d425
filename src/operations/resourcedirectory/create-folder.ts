import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { folderArnOf } from './folder-resources.js';
import { FOLDER_NAME_ERRORS, FolderIdParam, FolderNameParam, PARENT_FOLDER_ERRORS } from './folder-params.js';
import { folderView } from './folder-views.js';

/** Creates a folder under ParentFolderId (the root folder by default), at most five levels deep. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CreateFolder',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:CreateFolder',
  officialParams: {
    '2020-03-31': ['FolderName', 'ParentFolderId'],
    '2022-04-19': ['FolderName', 'ParentFolderId', 'Tag'],
  },
  resource: () => '*',
  resolveResource: folderArnOf('ParentFolderId'),
  callerRule: 'management-account',
  input: Type.Object({ FolderName: FolderNameParam, ParentFolderId: Type.Optional(FolderIdParam) }),
  paramErrors: { FolderName: FOLDER_NAME_ERRORS, ParentFolderId: PARENT_FOLDER_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'LimitExceeded.Folder.Depth',
    'InvalidParameter.Folder.Name.AlreadyUsed',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const created = await ctx.services.folders.create(dir.value, input.FolderName, input.ParentFolderId);
    if (!created.ok) return created;
    return ok({ Folder: folderView(created.value) });
  },
});
