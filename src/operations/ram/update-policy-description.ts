import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { DescriptionParam, PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn } from './params.js';
import { policyView } from './views.js';

/** Changes the description of a custom policy. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdatePolicyDescription',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['NewDescription', 'PolicyName'] },
  ramAction: 'ram:UpdatePolicyDescription',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyName: PolicyNameParam, NewDescription: Type.Optional(DescriptionParam) }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName },
  errors: ['EntityNotExist.Policy'],
  async handler(ctx, input) {
    const uid = ctx.principal.accountId;
    const r = await ctx.services.identity.policyVersions.updateDescription(
      uid,
      input.PolicyName,
      input.NewDescription ?? '',
    );
    if (!r.ok) return r;
    const p = await ctx.services.identity.policies.get(uid, 'Custom', input.PolicyName);
    return p.ok ? ok({ Policy: policyView(p.value.policy) }) : p;
  },
});
