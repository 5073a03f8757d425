import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { folderArnOf } from './folder-resources.js';
import {
  FolderIdParam,
  PAGING_ERRORS,
  PARENT_FOLDER_ERRORS,
  QUERY_KEYWORD_ERRORS,
  QueryKeywordParam,
} from './folder-params.js';
import { folderListItem } from './folder-views.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { stringInputs, TAG_ERRORS, TagListParam } from './tag-params.js';
import { tagFilter } from '../../domain/directory/tag-rules.js';

/**
 * The folders directly under ParentFolderId (the root folder by default), oldest first, by pages;
 * Tag.N (2022-04-19) keeps the folders carrying every given tag.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListFoldersForParent',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListFoldersForParent',
  officialParams: {
    '2020-03-31': ['PageNumber', 'PageSize', 'ParentFolderId', 'QueryKeyword'],
    '2022-04-19': ['PageNumber', 'PageSize', 'ParentFolderId', 'QueryKeyword', 'Tag'],
  },
  resource: () => '*',
  resolveResource: (r) => folderArnOf('ParentFolderId')(stringInputs(r)),
  callerRule: 'management-account',
  input: Type.Object({
    ParentFolderId: Type.Optional(FolderIdParam),
    QueryKeyword: Type.Optional(QueryKeywordParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
    Tag: Type.Optional(TagListParam),
  }),
  paramErrors: {
    ParentFolderId: PARENT_FOLDER_ERRORS,
    QueryKeyword: QUERY_KEYWORD_ERRORS,
    Tag: TAG_ERRORS,
    ...PAGING_ERRORS,
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
  ],
  async handler(ctx, input) {
    const tags = tagFilter(input.Tag);
    if (!tags.ok) return tags;
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = await ctx.services.folders.children(
      dir.value,
      input.ParentFolderId,
      input.QueryKeyword,
      pageNumber,
      pageSize,
      tags.value,
    );
    if (!page.ok) return page;
    return ok({
      TotalCount: page.value.total,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Folders: { Folder: page.value.folders.map(folderListItem) },
    });
  },
});
