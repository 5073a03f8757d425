import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn, POLICY_ID_ERRORS, PolicyIdParam, TARGET_ID_ERRORS, TargetIdParam } from './common.js';

/** Detaches a policy from a folder or member (never its last one); the change applies to the next call. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DetachControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:DetachControlPolicy',
  officialParams: { '2020-03-31': ['PolicyId', 'TargetId'], '2022-04-19': ['PolicyId', 'TargetId'] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({ PolicyId: PolicyIdParam, TargetId: TargetIdParam }),
  paramErrors: { PolicyId: POLICY_ID_ERRORS, TargetId: TARGET_ID_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'InvalidControlPolicyEnablementStatus',
    'EntityNotExists.ControlPolicy',
    'EntityNotExists.Target',
    'EntityNotExists.ControlPolicyAttachment',
    'DetachConflict.ControlPolicy.LastOne',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.lifecycle.controlPolicyAttachments.detach(
      dir.value,
      input.PolicyId,
      input.TargetId,
    );
    if (!done.ok) return done;
    return ok({});
  },
});
