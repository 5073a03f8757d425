import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';

/**
 * Destroys the caller's resource directory, irreversibly: only once every member but the
 * management account is gone and only the root folder is left. Pending invitations go with it.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DestroyResourceDirectory',
  versions: RD_VERSIONS,
  officialParams: { '2020-03-31': [], '2022-04-19': [] },
  ramAction: 'resourcemanager:DestroyResourceDirectory',
  resource: () => '*',
  input: Type.Object({}),
  errors: [
    'ResourceDirectoryNotInUse',
    'DeleteConflict.ResourceDirectory.Account',
    'DeleteConflict.ResourceDirectory.Folder',
  ],
  async handler(ctx) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.lifecycle.directories.destroy(dir.value);
    if (!done.ok) return done;
    return ok({});
  },
});
