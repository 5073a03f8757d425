import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { MarkerParam, MaxItemsParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { page, roleView } from './views.js';

/** The roles of the caller's account by name, in pages. */
export default defineOperation({
  product: 'Ram',
  action: 'ListRoles',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Marker', 'MaxItems', 'Tag'] },
  readOnly: true,
  ramAction: 'ram:ListRoles',
  resource: (r) => ramArn(r.principal.accountId, 'role', undefined),
  input: Type.Object({ Marker: Type.Optional(MarkerParam), MaxItems: Type.Optional(MaxItemsParam) }),
  paramErrors: { Marker: PARAM_ERRORS.Marker, MaxItems: PARAM_ERRORS.MaxItems },
  errors: ['InvalidParameter.Marker'],
  async handler(ctx, input) {
    const p = page(await ctx.services.identity.roles.list(ctx.principal.accountId), input.Marker, input.MaxItems);
    if (!p.ok) return p;
    const { items, ...rest } = p.value;
    return ok({ Roles: { Role: items.map((r) => roleView(r, false)) }, ...rest });
  },
});
