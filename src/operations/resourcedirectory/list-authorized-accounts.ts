import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { PAGING_ERRORS } from './folder-params.js';
import { accountView } from './views.js';

/**
 * The members of the caller's directory that the caller may read: those on whose ARN its RAM
 * policies allow resourcemanager:GetAccount (every member for the root identity), oldest first.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListAuthorizedAccounts',
  versions: ['2022-04-19'],
  readOnly: true,
  officialParams: { '2022-04-19': ['PageNumber', 'PageSize'] },
  ramAction: 'resourcemanager:ListAuthorizedAccounts',
  resource: (r) => `acs:resourcemanager::${r.principal.accountId}:account/*`,
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
    const all = await ctx.services.lifecycle.authorized.accounts(dir.value, ctx.principal, env);
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const view = (m: (typeof all)[number]) => {
      const { EmailStatus: _e, HasSecureMobilePhone: _h, ...rest } = accountView(m.member, m.path, ctx.version);
      return rest;
    };
    return ok({
      TotalCount: all.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Accounts: { Account: page.map(view) },
    });
  },
});
