import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { allAccountsArn } from './resources.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { accountView } from './views.js';

/** The members of the directory the caller manages, oldest first, by pages. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAccounts',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListAccounts',
  resource: allAccountsArn,
  input: Type.Object({ PageNumber: Type.Optional(PageNumberParam), PageSize: Type.Optional(PageSizeParam) }),
  paramErrors: {
    PageNumber: { missing: 'InvalidParameter.PageNumber', invalid: 'InvalidParameter.PageNumber' },
    PageSize: { missing: 'InvalidParameter.PageSize', invalid: 'InvalidParameter.PageSize' },
  },
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const { total, members } = await ctx.services.directory.listMembers(dir.value, pageNumber, pageSize);
    const accounts = [];
    for (const m of members)
      accounts.push(accountView(m, await ctx.services.directory.pathOf(dir.value, m), ctx.version));
    return ok({ TotalCount: total, PageNumber: pageNumber, PageSize: pageSize, Accounts: { Account: accounts } });
  },
});
