import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { allAccountsArn } from './resources.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { PAGING_ERRORS } from './folder-params.js';
import { SERVICE_PRINCIPAL_ERRORS, ServicePrincipalParam } from './delegation-params.js';
import { iso } from './views.js';

/** The delegated administrators of the caller's directory (of one service when given), oldest first, by pages. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListDelegatedAdministrators',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListDelegatedAdministrators',
  officialParams: {
    '2020-03-31': ['PageNumber', 'PageSize', 'ServicePrincipal'],
    '2022-04-19': ['PageNumber', 'PageSize', 'ServicePrincipal'],
  },
  resource: allAccountsArn,
  callerRule: 'management-account',
  input: Type.Object({
    ServicePrincipal: Type.Optional(ServicePrincipalParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { ServicePrincipal: SERVICE_PRINCIPAL_ERRORS, ...PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.ServicePrincipal'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const all = await ctx.services.delegation.administrators(dir.value, input.ServicePrincipal);
    if (!all.ok) return all;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = all.value.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      TotalCount: all.value.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Accounts: {
        Account: page.map(({ row, member }) => ({
          AccountId: row.account_id,
          DisplayName: member.display_name,
          JoinMethod: member.join_method,
          ServicePrincipal: row.service_principal,
          DelegationEnabledTime: iso(row.enabled_at),
        })),
      },
    });
  },
});
