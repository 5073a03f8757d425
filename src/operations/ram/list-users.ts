import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { MarkerParam, MaxItemsParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { page, userView } from './views.js';

/** The RAM users of the caller's account by name, in pages. */
export default defineOperation({
  product: 'Ram',
  action: 'ListUsers',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Marker', 'MaxItems'] },
  readOnly: true,
  ramAction: 'ram:ListUsers',
  resource: (r) => ramArn(r.principal.accountId, 'user', undefined),
  input: Type.Object({ Marker: Type.Optional(MarkerParam), MaxItems: Type.Optional(MaxItemsParam) }),
  paramErrors: { Marker: PARAM_ERRORS.Marker, MaxItems: PARAM_ERRORS.MaxItems },
  errors: ['InvalidParameter.Marker'],
  async handler(ctx, input) {
    const p = page(await ctx.services.identity.users.list(ctx.principal.accountId), input.Marker, input.MaxItems);
    if (!p.ok) return p;
    const { items, ...rest } = p.value;
    return ok({ Users: { User: items.map(userView) }, ...rest });
  },
});
