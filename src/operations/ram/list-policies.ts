import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { MarkerParam, MaxItemsParam, PARAM_ERRORS, PolicyTypeParam, RAM_VERSIONS, ramArn } from './params.js';
import { page, policyView } from './views.js';

/** System and custom policies (or one type), in pages. */
export default defineOperation({
  product: 'Ram',
  action: 'ListPolicies',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Marker', 'MaxItems', 'PolicyType', 'Tag'] },
  readOnly: true,
  ramAction: 'ram:ListPolicies',
  resource: (r) => ramArn(r.principal.accountId, 'policy', undefined),
  input: Type.Object({
    PolicyType: Type.Optional(PolicyTypeParam),
    Marker: Type.Optional(MarkerParam),
    MaxItems: Type.Optional(MaxItemsParam),
  }),
  paramErrors: { PolicyType: PARAM_ERRORS.PolicyType, Marker: PARAM_ERRORS.Marker, MaxItems: PARAM_ERRORS.MaxItems },
  errors: ['InvalidParameter.Marker'],
  async handler(ctx, input) {
    const all = await ctx.services.identity.policies.list(
      ctx.principal.accountId,
      input.PolicyType as 'System' | 'Custom' | undefined,
    );
    const p = page(all, input.Marker, input.MaxItems);
    if (!p.ok) return p;
    const { items, ...rest } = p.value;
    return ok({ Policies: { Policy: items.map((x) => policyView(x, { AttachmentCount: x.attachments })) }, ...rest });
  },
});
