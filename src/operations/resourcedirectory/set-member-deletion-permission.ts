import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';

/** Enables or disables the deletion of members (CheckAccountDelete and DeleteAccount need Enabled). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SetMemberDeletionPermission',
  versions: RD_VERSIONS,
  officialParams: {
    '2020-03-31': ['Status'],
    '2022-04-19': ['Status'],
  },
  ramAction: 'resourcemanager:SetMemberDeletionPermission',
  resource: () => '*',
  input: Type.Object({
    Status: Type.Union([Type.Literal('Enabled'), Type.Literal('Disabled')], {
      description: 'Specify Enabled or Disabled.',
    }),
  }),
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    await ctx.services.lifecycle.directories.setMemberDeletion(dir.value, input.Status);
    return ok({
      ManagementAccountId: dir.value.management_account_id,
      MemberDeletionStatus: input.Status,
      ResourceDirectoryId: dir.value.id,
    });
  },
});
