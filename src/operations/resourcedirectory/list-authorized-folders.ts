import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { PAGING_ERRORS } from './folder-params.js';

/**
 * The folders of the caller's directory that the caller may read: those on whose ARN its RAM
 * policies allow resourcemanager:GetFolder (every folder for the root identity); the root folder
 * first, then breadth first, siblings oldest first.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAuthorizedFolders',
  versions: ['2022-04-19'],
  readOnly: true,
  officialParams: { '2022-04-19': ['PageNumber', 'PageSize'] },
  ramAction: 'resourcemanager:ListAuthorizedFolders',
  resource: (r) => `acs:resourcemanager::${r.principal.accountId}:folder/*`,
  callerRule: 'management-account',
  input: Type.Object({ PageNumber: Type.Optional(PageNumberParam), PageSize: Type.Optional(PageSizeParam) }),
  paramErrors: PAGING_ERRORS,
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const env = { sourceIp: ctx.audit.sourceIp, secureTransport: ctx.secureTransport };
    const all = await ctx.services.lifecycle.authorized.folders(dir.value, ctx.principal, env);
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      TotalCount: all.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Folders: {
        Folder: page.map((f) => ({ FolderId: f.folder.id, FolderName: f.folder.name, ResourceDirectoryPath: f.path })),
      },
    });
  },
});
