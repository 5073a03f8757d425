import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { controlPolicyArn } from './common.js';

/** Enabled, PendingEnable, Disabled or PendingDisable. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetControlPolicyEnablementStatus',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetControlPolicyEnablementStatus',
  officialParams: { '2020-03-31': [], '2022-04-19': [] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({}),
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    return ok({ EnablementStatus: await ctx.services.lifecycle.controlPolicies.status(dir.value) });
  },
});
