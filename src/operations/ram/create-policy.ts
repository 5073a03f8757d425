import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { DescriptionParam, DocumentParam, PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn } from './params.js';
import { policyView } from './views.js';

/** Creates a custom policy (version v1, the default); a malformed document is refused precisely. */
export default defineOperation({
  product: 'Ram',
  action: 'CreatePolicy',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Description', 'PolicyDocument', 'PolicyName', 'Tag'] },
  ramAction: 'ram:CreatePolicy',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({
    PolicyName: PolicyNameParam,
    PolicyDocument: DocumentParam,
    Description: Type.Optional(DescriptionParam),
  }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName },
  errors: ['EntityAlreadyExists.Policy', 'MalformedPolicyDocument'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.policies.create(
      ctx.principal.accountId,
      input.PolicyName,
      input.PolicyDocument,
      input.Description ?? '',
    );
    if (!r.ok) return r;
    const { UpdateDate: _u, ...policy } = policyView(r.value.policy);
    return ok({ Policy: policy });
  },
});
