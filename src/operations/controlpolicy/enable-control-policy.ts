import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn } from './common.js';

/** Turns control policies on: PendingEnable now, Enabled once the configured delay has passed. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'EnableControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:EnableControlPolicy',
  officialParams: { '2020-03-31': [], '2022-04-19': [] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({}),
  errors: ['ResourceDirectoryNotInUse', 'Throttling.EnableControlPolicy', 'InvalidControlPolicyEnablementStatus'],
  async handler(ctx) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const status = await ctx.services.lifecycle.controlPolicies.enable(dir.value);
    if (!status.ok) return status;
    return ok({ EnablementStatus: status.value });
  },
});
