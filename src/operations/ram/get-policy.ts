import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, PolicyTypeParam, RAM_VERSIONS, ramArn } from './params.js';
import { policyView, ramDate } from './views.js';

/** A system or custom policy with its default version's document. */
export default defineOperation({
  product: 'Ram',
  action: 'GetPolicy',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'PolicyType'] },
  readOnly: true,
  ramAction: 'ram:GetPolicy',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyName: PolicyNameParam, PolicyType: PolicyTypeParam }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName, PolicyType: PARAM_ERRORS.PolicyType },
  errors: ['EntityNotExist.Policy'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.policies.get(
      ctx.principal.accountId,
      input.PolicyType as 'System' | 'Custom',
      input.PolicyName,
    );
    if (!r.ok) return r;
    const { policy, document, attachments } = r.value;
    return ok({
      Policy: policyView(policy, { PolicyDocument: document, AttachmentCount: attachments }),
      DefaultPolicyVersion: {
        VersionId: policy.defaultVersion,
        IsDefaultVersion: true,
        PolicyDocument: document,
        CreateDate: ramDate(policy.updatedAt),
      },
    });
  },
});
