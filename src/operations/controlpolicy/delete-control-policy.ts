import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn, POLICY_ID_ERRORS, PolicyIdParam } from './common.js';

/** Deletes a custom policy that is attached nowhere. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DeleteControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:DeleteControlPolicy',
  officialParams: { '2020-03-31': ['PolicyId'], '2022-04-19': ['PolicyId'] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({ PolicyId: PolicyIdParam }),
  paramErrors: { PolicyId: POLICY_ID_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'NoPermission.SystemControlPolicy',
    'EntityNotExists.ControlPolicy',
    'DeleteConflict.ControlPolicy.Attachment',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const deleted = await ctx.services.lifecycle.controlPolicies.delete(dir.value, input.PolicyId);
    if (!deleted.ok) return deleted;
    return ok({});
  },
});
