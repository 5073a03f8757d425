import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn, VersionIdParam } from './params.js';

/** Deletes a version of a custom policy that is not its default version. */
export default defineOperation({
  product: 'Ram',
  action: 'DeletePolicyVersion',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'VersionId'] },
  ramAction: 'ram:DeletePolicyVersion',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyName: PolicyNameParam, VersionId: VersionIdParam }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName, VersionId: PARAM_ERRORS.VersionId },
  errors: ['EntityNotExist.Policy', 'EntityNotExist.Policy.Version', 'DeleteConflict.Policy.Version.Default'],
  async handler(ctx, input) {
    const svc = ctx.services.identity.policyVersions;
    const r = await svc.delete(ctx.principal.accountId, input.PolicyName, input.VersionId);
    return r.ok ? ok({}) : r;
  },
});
