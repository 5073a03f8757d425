import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { parentFolderArn } from './resources.js';
import { accountView } from './views.js';

/**
 * Creates a member of the ResourceAccount type (in the root folder unless ParentFolderId is given),
 * with the RAM role ResourceDirectoryAccountAccessRole that the management account can assume.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CreateResourceAccount',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:CreateResourceAccount',
  resource: () => '*',
  resolveResource: parentFolderArn,
  input: Type.Object({
    DisplayName: Type.String({
      minLength: 2,
      maxLength: 50,
      pattern: '^[A-Za-z0-9_.\\- \\u3400-\\u9fff\\uf900-\\ufaff]+$',
      description: 'Use 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -',
    }),
    ParentFolderId: Type.Optional(
      Type.String({
        pattern: '^(r|fd)-[A-Za-z0-9]{1,32}$',
        description: 'Specify a folder ID such as r-xxxxxx or fd-xxxxxxxxxx.',
      }),
    ),
    AccountNamePrefix: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 37,
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|[_.\\-](?![_.\\-]))*[A-Za-z0-9]$',
        description:
          'Use 2 to 37 letters, digits and _ . - that start and end with a letter or digit, with no consecutive special characters.',
      }),
    ),
  }),
  paramErrors: {
    DisplayName: { missing: 'MissingParameter.Account.DisplayName', invalid: 'InvalidParameter.Account.DisplayName' },
    ParentFolderId: { missing: 'InvalidParameter.ParentFolderId', invalid: 'InvalidParameter.ParentFolderId' },
    AccountNamePrefix: {
      missing: 'InvalidParameter.Account.AccountNamePrefix',
      invalid: 'InvalidParameter.Account.AccountNamePrefix',
    },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'InvalidParameter.Account.DisplayName.AlreadyUsed',
    'EntityAlreadyExists.ResourceDirectory.Account',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const created = await ctx.services.directory.createResourceAccount(dir.value, {
      displayName: input.DisplayName,
      ...(input.ParentFolderId !== undefined ? { parentFolderId: input.ParentFolderId } : {}),
      ...(input.AccountNamePrefix !== undefined ? { accountNamePrefix: input.AccountNamePrefix } : {}),
    });
    if (!created.ok) return created;
    await ctx.services.lifecycle.directories.provisionAccessRole(created.value.account_id, dir.value);
    const path = await ctx.services.directory.pathOf(dir.value, created.value);
    return ok({ Account: accountView(created.value, path, ctx.version) });
  },
});
