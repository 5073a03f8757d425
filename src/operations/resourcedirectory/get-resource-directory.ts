import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { directoryArn } from './resources.js';
import { fullDirectoryView } from './lifecycle-views.js';

/**
 * The directory the caller manages, or the one its account belongs to, with its switches
 * (ControlPolicyStatus as it reads now: a Pending status completes after the configured delay).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetResourceDirectory',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetResourceDirectory',
  officialParams: {
    '2020-03-31': [],
    '2022-04-19': [],
  },
  resource: directoryArn,
  input: Type.Object({}),
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx) {
    const dir = await ctx.services.directory.visibleTo(ctx.principal);
    if (!dir.ok) return dir;
    const name = await ctx.services.directory.accountName(dir.value.management_account_id);
    const switches = {
      ...(await ctx.services.lifecycle.directories.switches(dir.value)),
      control_policy_status: await ctx.services.lifecycle.controlPolicies.status(dir.value),
    };
    const view: Record<string, unknown> = fullDirectoryView(dir.value, name, switches);
    // 2022-04-19 only: the display-name synchronization switch.
    if (ctx.version === '2022-04-19') {
      view.MemberAccountDisplayNameSyncStatus = await ctx.services.lifecycle.billing.displayNameSync(dir.value);
    }
    return ok({ ResourceDirectory: view });
  },
});
