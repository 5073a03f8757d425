/**
 * AttachControlPolicy and DetachControlPolicy: one policy on one target (a folder or a member).
 * Attach: at most 10 policies per target; it binds from the next call. Detach: never a target's
 * last policy; the change applies to the next call.
 */
import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '../../errors/catalog.js';
import { ok } from '../../lib/result.js';
import { defineOperation, type Operation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn, POLICY_ID_ERRORS, PolicyIdParam, TARGET_ID_ERRORS, TargetIdParam } from './common.js';

function attachmentOperation(action: string, step: 'attach' | 'detach', errors: readonly ErrorCode[]): Operation {
  return defineOperation({
    product: 'ResourceManager',
    action,
    versions: RD_VERSIONS,
    ramAction: `resourcemanager:${action}`,
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
      ...errors,
    ],
    async handler(ctx, input) {
      const dir = await ctx.services.directory.managedBy(ctx.principal);
      if (!dir.ok) return dir;
      const done = await ctx.services.lifecycle.controlPolicyAttachments[step](
        dir.value,
        input.PolicyId,
        input.TargetId,
      );
      return done.ok ? ok({}) : done;
    },
  });
}

export const attachControlPolicy = attachmentOperation('AttachControlPolicy', 'attach', [
  'EntityAlreadyExists.ControlPolicyAttachment',
  'LimitExceeded.ControlPolicyAttachment',
]);
export const detachControlPolicy = attachmentOperation('DetachControlPolicy', 'detach', [
  'EntityNotExists.ControlPolicyAttachment',
  'DetachConflict.ControlPolicy.LastOne',
]);
