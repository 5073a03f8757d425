import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { controlPolicyArn } from './common.js';

/** Turns control policies off, detaching every policy at once: PendingDisable now, Disabled after the delay. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DisableControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:DisableControlPolicy',
  officialParams: { '2020-03-31': [], '2022-04-19': [] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({}),
  errors: ['ResourceDirectoryNotInUse', 'InvalidControlPolicyEnablementStatus'],
  async handler(ctx) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const status = await ctx.services.lifecycle.controlPolicies.disable(dir.value);
    if (!status.ok) return status;
    return ok({ EnablementStatus: status.value });
  },
});
