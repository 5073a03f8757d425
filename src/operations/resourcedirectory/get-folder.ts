import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { folderArnOf } from './folder-resources.js';
import { FOLDER_ID_ERRORS, FolderIdParam } from './folder-params.js';
import { folderView } from './folder-views.js';

/** One folder of the caller's directory, with its ResourceDirectoryPath. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetFolder',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetFolder',
  officialParams: {
    '2020-03-31': ['FolderId'],
    '2022-04-19': ['FolderId'],
  },
  resource: () => '*',
  resolveResource: folderArnOf('FolderId'),
  callerRule: 'management-account',
  input: Type.Object({ FolderId: FolderIdParam }),
  paramErrors: { FolderId: FOLDER_ID_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Folder'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const folder = await ctx.services.folders.get(dir.value, input.FolderId);
    if (!folder.ok) return folder;
    const path = await ctx.services.folders.path(dir.value, folder.value);
    return ok({ Folder: { ...folderView(folder.value), ResourceDirectoryPath: path } });
  },
});
