import { Type } from '@sinclair/typebox';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { folderArnOf } from './folder-resources.js';
import { FolderIdParam, PARENT_FOLDER_ERRORS } from './folder-params.js';
import { listMembersAnswer, MEMBER_LIST_CODES, MEMBER_LIST_ERRORS, memberListParams } from './member-list.js';
import { stringInputs } from './tag-params.js';

/** The members directly in one folder, with the same filter and pagings as ListAccounts. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAccountsForParent',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListAccountsForParent',
  officialParams: {
    '2020-03-31': ['IncludeTags', 'PageNumber', 'PageSize', 'ParentFolderId', 'QueryKeyword', 'Tag'],
    '2022-04-19': ['IncludeTags', 'PageNumber', 'PageSize', 'ParentFolderId', 'QueryKeyword', 'Tag'],
  },
  resource: () => '*',
  resolveResource: (r) => folderArnOf('ParentFolderId')(stringInputs(r)),
  callerRule: 'management-account',
  input: Type.Object({ ParentFolderId: FolderIdParam, ...memberListParams }),
  paramErrors: { ParentFolderId: PARENT_FOLDER_ERRORS, ...MEMBER_LIST_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Folder', 'InvalidParameter.NextToken', ...MEMBER_LIST_CODES],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const folder = await ctx.services.folders.get(dir.value, input.ParentFolderId);
    if (!folder.ok) return folder;
    return listMembersAnswer(ctx, dir.value, folder.value.id, input);
  },
});
