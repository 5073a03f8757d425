import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn, VersionIdParam } from './params.js';

/** Makes a version of a custom policy its default: it governs from the next request. */
export default defineOperation({
  product: 'Ram',
  action: 'SetDefaultPolicyVersion',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'VersionId'] },
  ramAction: 'ram:SetDefaultPolicyVersion',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyName: PolicyNameParam, VersionId: VersionIdParam }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName, VersionId: PARAM_ERRORS.VersionId },
  errors: ['EntityNotExist.Policy', 'EntityNotExist.Policy.Version'],
  async handler(ctx, input) {
    const svc = ctx.services.identity.policyVersions;
    const r = await svc.setDefault(ctx.principal.accountId, input.PolicyName, input.VersionId);
    return r.ok ? ok({}) : r;
  },
});
