import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';

/**
 * Enables or disables the synchronization of members' display names to their accounts. The switch
 * is shown by GetResourceDirectory (2022-04-19) as MemberAccountDisplayNameSyncStatus.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SetMemberDisplayNameSyncStatus',
  versions: ['2022-04-19'],
  officialParams: { '2022-04-19': ['Status'] },
  ramAction: 'resourcemanager:SetMemberDisplayNameSyncStatus',
  resource: () => '*',
  callerRule: 'management-account',
  input: Type.Object({
    Status: Type.Union([Type.Literal('Enabled'), Type.Literal('Disabled')], {
      description: 'Specify Enabled or Disabled.',
    }),
  }),
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    await ctx.services.lifecycle.billing.setDisplayNameSync(dir.value, input.Status);
    return ok({ MemberAccountDisplayNameSyncStatus: input.Status });
  },
});
