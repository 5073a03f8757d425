import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { BoolParam, PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn } from './params.js';

/** Deletes a custom policy: refused while attached or versioned, unless CascadingDelete=true. */
export default defineOperation({
  product: 'Ram',
  action: 'DeletePolicy',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['CascadingDelete', 'PolicyName'] },
  ramAction: 'ram:DeletePolicy',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyName: PolicyNameParam, CascadingDelete: Type.Optional(BoolParam) }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName },
  errors: [
    'EntityNotExist.Policy',
    'DeleteConflict.Policy.User',
    'DeleteConflict.Policy.Role',
    'DeleteConflict.Policy.Group',
    'DeleteConflict.Policy.Version',
  ],
  async handler(ctx, input) {
    const r = await ctx.services.identity.policies.delete(
      ctx.principal.accountId,
      input.PolicyName,
      input.CascadingDelete === 'true',
    );
    return r.ok ? ok({}) : r;
  },
});
