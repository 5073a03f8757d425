import { Type } from '@sinclair/typebox';
import type { ParamErrors } from '../define.js';

/** Parameter schemas of the folder operations (wire values are strings). */
export const FolderIdParam = Type.String({
  pattern: '^(r|fd)-[A-Za-z0-9]{1,32}$',
  description: 'Specify a folder ID such as r-xxxxxx or fd-xxxxxxxxxx.',
});
export const FolderNameParam = Type.String({
  pattern: '^[A-Za-z0-9_.\\-\\u3400-\\u9fff\\uf900-\\ufaff]{1,24}$',
  description: 'Use 1 to 24 characters: letters, digits, CJK characters and _ . -',
});
/** A fuzzy filter: any printable text up to 128 characters (no control or bidirectional-override characters). */
export const QueryKeywordParam = Type.String({
  maxLength: 128,
  pattern: '^[^\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]+$',
  description: 'Specify at most 128 printable characters.',
});

export const FOLDER_NAME_ERRORS: ParamErrors = {
  missing: 'MissingParameter.Folder.Name',
  invalid: 'InvalidParameter.Folder.Name',
};
export const FOLDER_ID_ERRORS: ParamErrors = {
  missing: 'MissingParameter.FolderId',
  invalid: 'InvalidParameter.FolderId',
};
export const PARENT_FOLDER_ERRORS: ParamErrors = {
  missing: 'MissingParameter.ParentFolderId',
  invalid: 'InvalidParameter.ParentFolderId',
};
export const QUERY_KEYWORD_ERRORS: ParamErrors = {
  missing: 'InvalidParameter.QueryKeyword',
  invalid: 'InvalidParameter.QueryKeyword',
};
export const PAGING_ERRORS: Record<'PageNumber' | 'PageSize', ParamErrors> = {
  PageNumber: { missing: 'InvalidParameter.PageNumber', invalid: 'InvalidParameter.PageNumber' },
  PageSize: { missing: 'InvalidParameter.PageSize', invalid: 'InvalidParameter.PageSize' },
};
