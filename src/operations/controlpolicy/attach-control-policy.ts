import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn, POLICY_ID_ERRORS, PolicyIdParam, TARGET_ID_ERRORS, TargetIdParam } from './common.js';

/** Attaches a policy to a folder or member (at most 10 each); it binds from the next call. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'AttachControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:AttachControlPolicy',
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
    'EntityAlreadyExists.ControlPolicyAttachment',
    'LimitExceeded.ControlPolicyAttachment',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.lifecycle.controlPolicyAttachments.attach(
      dir.value,
      input.PolicyId,
      input.TargetId,
    );
    if (!done.ok) return done;
    return ok({});
  },
});
