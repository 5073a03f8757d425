import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { folderArnOf } from './folder-resources.js';
import { FOLDER_NAME_ERRORS, FolderIdParam, FolderNameParam, PARENT_FOLDER_ERRORS } from './folder-params.js';
import { folderView } from './folder-views.js';
import { stringInputs, TAG_ERRORS, TagListParam } from './tag-params.js';
import { tagsToSet } from '../../domain/directory/tag-rules.js';

/**
 * Creates a folder under ParentFolderId (the root folder by default), at most five levels deep;
 * Tag.N (2022-04-19) tags it in the same transaction.
 */
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
  resolveResource: (r) => folderArnOf('ParentFolderId')(stringInputs(r)),
  callerRule: 'management-account',
  input: Type.Object({
    FolderName: FolderNameParam,
    ParentFolderId: Type.Optional(FolderIdParam),
    Tag: Type.Optional(TagListParam),
  }),
  paramErrors: { FolderName: FOLDER_NAME_ERRORS, ParentFolderId: PARENT_FOLDER_ERRORS, Tag: TAG_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'LimitExceeded.Folder.Depth',
    'InvalidParameter.Folder.Name.AlreadyUsed',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
    'InvalidParameter.Tag',
  ],
  async handler(ctx, input) {
    const tags = tagsToSet(input.Tag ?? []);
    if (!tags.ok) return tags;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const created = await ctx.services.folders.create(dir.value, input.FolderName, input.ParentFolderId);
    if (!created.ok) return created;
    if (tags.value.length > 0) {
      const tagged = await ctx.services.tags.tag(dir.value, 'Folder', [created.value.id], tags.value);
      if (!tagged.ok) return tagged;
    }
    return ok({ Folder: folderView(created.value) });
  },
});
