import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { MarkerParam, MaxItemsParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { groupView, page } from './views.js';

/** The RAM groups of the caller's account by name, in pages. */
export default defineOperation({
  product: 'Ram',
  action: 'ListGroups',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Marker', 'MaxItems'] },
  readOnly: true,
  ramAction: 'ram:ListGroups',
  resource: (r) => ramArn(r.principal.accountId, 'group', undefined),
  input: Type.Object({ Marker: Type.Optional(MarkerParam), MaxItems: Type.Optional(MaxItemsParam) }),
  paramErrors: { Marker: PARAM_ERRORS.Marker, MaxItems: PARAM_ERRORS.MaxItems },
  errors: ['InvalidParameter.Marker'],
  async handler(ctx, input) {
    const p = page(await ctx.services.identity.groups.list(ctx.principal.accountId), input.Marker, input.MaxItems);
    if (!p.ok) return p;
    const { items, ...rest } = p.value;
    return ok({ Groups: { Group: items.map(groupView) }, ...rest });
  },
});
