import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { folderArnOf } from './folder-resources.js';
import { FolderIdParam } from './folder-params.js';
import { folderListItem } from './folder-views.js';

/** The ancestors of a folder, the root folder first, without the folder itself. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAncestors',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListAncestors',
  officialParams: {
    '2020-03-31': ['ChildId'],
    '2022-04-19': ['ChildId'],
  },
  resource: () => '*',
  resolveResource: folderArnOf('ChildId'),
  callerRule: 'management-account',
  input: Type.Object({ ChildId: FolderIdParam }),
  paramErrors: { ChildId: { missing: 'MissingParameter.ChildId', invalid: 'InvalidParameter.ChildId' } },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Folder'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const folder = await ctx.services.folders.get(dir.value, input.ChildId);
    if (!folder.ok) return folder;
    const chain = await ctx.services.folders.ancestors(folder.value);
    return ok({ Folders: { Folder: chain.map(folderListItem) } });
  },
});
