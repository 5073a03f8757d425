import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { directoryArn } from './resources.js';
import { AccountIdParam, PageNumberParam, PageSizeParam } from './params.js';
import { PAGING_ERRORS } from './folder-params.js';
import { MEMBER_ERRORS } from './delegation-params.js';
import { iso } from './views.js';

/**
 * The trusted services enabled in the caller's directory, by pages: those with at least one
 * delegated administrator (of AdminAccountId when given), since their earliest delegation in force.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListTrustedServiceStatus',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListTrustedServiceStatus',
  officialParams: {
    '2020-03-31': ['AdminAccountId', 'PageNumber', 'PageSize'],
    '2022-04-19': ['AdminAccountId', 'PageNumber', 'PageSize'],
  },
  resource: directoryArn,
  callerRule: 'management-account',
  input: Type.Object({
    AdminAccountId: Type.Optional(AccountIdParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { AdminAccountId: { missing: 'InvalidParameter', invalid: 'InvalidParameter' }, ...PAGING_ERRORS },
  errors: [...MEMBER_ERRORS],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const all = await ctx.services.delegation.enabled(dir.value, input.AdminAccountId);
    if (!all.ok) return all;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = all.value.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({
      TotalCount: all.value.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      EnabledServicePrincipals: {
        EnabledServicePrincipal: page.map((s) => ({
          ServicePrincipal: s.service_principal,
          EnableTime: iso(s.enabled_at),
        })),
      },
    });
  },
});
