import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { parentFolderArn } from './resources.js';
import { accountView } from './views.js';
import { stringInputs, TAG_ERRORS, TagListParam } from './tag-params.js';
import { tagsToSet } from '../../domain/directory/tag-rules.js';

/**
 * Creates a member of the ResourceAccount type (in the root folder unless ParentFolderId is given),
 * with the RAM role ResourceDirectoryAccountAccessRole that the management account can assume.
 * DryRun=true checks the request as a creation would and answers DryRunOperation without writing.
 * Tag.N tags the new member, in the same transaction.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CreateResourceAccount',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:CreateResourceAccount',
  officialParams: {
    '2020-03-31': ['AccountNamePrefix', 'DisplayName', 'ParentFolderId', 'PayerAccountId', 'ResellAccountType', 'Tag'],
    '2022-04-19': [
      'AccountNamePrefix',
      'DisplayName',
      'ParentFolderId',
      'PayerAccountId',
      'ResellAccountType',
      'Tag',
      'DryRun',
    ],
  },
  resource: () => '*',
  resolveResource: (r) => parentFolderArn(stringInputs(r)),
  input: Type.Object({
    DisplayName: Type.String({
      minLength: 2,
      maxLength: 50,
      pattern: '^(?! )[A-Za-z0-9_.\\- \\u3400-\\u9fff\\uf900-\\ufaff]+(?<! )$',
      description:
        'Use 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -, not starting or ending with a ' +
        'space.',
    }),
    ParentFolderId: Type.Optional(
      Type.String({
        pattern: '^(r|fd)-[A-Za-z0-9]{1,32}$',
        description: 'Specify a folder ID such as r-xxxxxx or fd-xxxxxxxxxx.',
      }),
    ),
    DryRun: Type.Optional(Type.String({ pattern: '^(true|false)$', description: 'Specify true or false.' })),
    Tag: Type.Optional(TagListParam),
    AccountNamePrefix: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 37,
        pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|[_.\\-](?![_.\\-]))*[A-Za-z0-9]$',
        description:
          'Use 2 to 37 letters, digits and _ . - that start and end with a letter or digit, with no consecutive ' +
          'special characters.',
      }),
    ),
  }),
  paramErrors: {
    DisplayName: { missing: 'MissingParameter.Account.DisplayName', invalid: 'InvalidParameter.Account.DisplayName' },
    ParentFolderId: { missing: 'InvalidParameter.ParentFolderId', invalid: 'InvalidParameter.ParentFolderId' },
    DryRun: { missing: 'InvalidParameter.DryRun', invalid: 'InvalidParameter.DryRun' },
    Tag: TAG_ERRORS,
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
    'DryRunOperation',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
    'InvalidParameter.Tag',
  ],
  async handler(ctx, input) {
    const tags = tagsToSet(input.Tag ?? []);
    if (!tags.ok) return tags;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const created = await ctx.services.directory.createResourceAccount(dir.value, {
      displayName: input.DisplayName,
      ...(input.ParentFolderId !== undefined ? { parentFolderId: input.ParentFolderId } : {}),
      ...(input.AccountNamePrefix !== undefined ? { accountNamePrefix: input.AccountNamePrefix } : {}),
    });
    if (!created.ok) return created;
    if (tags.value.length > 0) {
      const tagged = await ctx.services.tags.tag(dir.value, 'Account', [created.value.account_id], tags.value);
      if (!tagged.ok) return tagged;
    }
    // A dry run makes every check of a real creation, then answers DryRunOperation: the failure
    // rolls back the operation's transaction, so nothing is written.
    if (input.DryRun === 'true') return err(failure('DryRunOperation'));
    await ctx.services.lifecycle.directories.provisionAccessRole(created.value.account_id, dir.value);
    const path = await ctx.services.directory.pathOf(dir.value, created.value);
    return ok({ Account: accountView(created.value, path, ctx.version) });
  },
});
