import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, PolicyTypeParam, RAM_VERSIONS, ramArn } from './params.js';
import { versionView } from './views.js';

/** One version of a policy. */
export default defineOperation({
  product: 'Ram',
  action: 'GetPolicyVersion',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'PolicyType', 'VersionId'] },
  readOnly: true,
  ramAction: 'ram:GetPolicyVersion',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({
    PolicyName: PolicyNameParam,
    PolicyType: PolicyTypeParam,
    VersionId: Type.String({ pattern: '^v[1-9][0-9]{0,8}$', description: 'v1, v2, …' }),
  }),
  paramErrors: {
    PolicyName: PARAM_ERRORS.PolicyName,
    PolicyType: PARAM_ERRORS.PolicyType,
    VersionId: PARAM_ERRORS.VersionId,
  },
  errors: ['EntityNotExist.Policy', 'EntityNotExist.Policy.Version'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.policies.getVersion(
      ctx.principal.accountId,
      input.PolicyType as 'System' | 'Custom',
      input.PolicyName,
      input.VersionId,
    );
    return r.ok ? ok({ PolicyVersion: versionView(r.value.version, r.value.isDefault) }) : r;
  },
});
