import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, PolicyTypeParam, RAM_VERSIONS, ramArn } from './params.js';
import { ramDate } from './views.js';

/** Every version of a policy with its document, the default marked (a system policy has v1 only). */
export default defineOperation({
  product: 'Ram',
  action: 'ListPolicyVersions',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'PolicyType'] },
  readOnly: true,
  ramAction: 'ram:ListPolicyVersions',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyType: PolicyTypeParam, PolicyName: PolicyNameParam }),
  paramErrors: { PolicyType: PARAM_ERRORS.PolicyType, PolicyName: PARAM_ERRORS.PolicyName },
  errors: ['EntityNotExist.Policy'],
  async handler(ctx, input) {
    const type = input.PolicyType === 'System' ? 'System' : 'Custom';
    const r = await ctx.services.identity.policyVersions.list(ctx.principal.accountId, type, input.PolicyName);
    if (!r.ok) return r;
    const versions = r.value.map(({ version, isDefault }) => ({
      VersionId: version.version_id,
      IsDefaultVersion: isDefault,
      PolicyDocument: version.document,
      CreateDate: ramDate(version.created_at),
    }));
    return ok({ PolicyVersions: { PolicyVersion: versions } });
  },
});
