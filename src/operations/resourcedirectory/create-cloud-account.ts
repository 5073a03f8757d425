import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { parentFolderArn } from './resources.js';
import { EMAIL_ERRORS, EmailParam, recordAccountView } from './mail-params.js';

/**
 * Creates a member of the CloudAccount type whose logon name is Email (2020-03-31 only). It is
 * CreateVerifying until the confirmation mail is confirmed, then CreateSuccess (with the access
 * role); RecordId names the creation for ResendCreateCloudAccountEmail and CancelCreateCloudAccount.
 * PayerAccountId is not served (UnsupportedParameter): every member pays for itself.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CreateCloudAccount',
  versions: ['2020-03-31'],
  officialParams: { '2020-03-31': ['DisplayName', 'Email', 'ParentFolderId', 'PayerAccountId'] },
  ramAction: 'resourcemanager:CreateCloudAccount',
  resource: () => '*',
  resolveResource: parentFolderArn,
  input: Type.Object({
    DisplayName: Type.String({
      minLength: 2,
      maxLength: 50,
      pattern: '^(?! )[A-Za-z0-9_.\\- \\u3400-\\u9fff\\uf900-\\ufaff]+(?<! )$',
      description:
        'Use 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -, ' +
        'not starting or ending with a space.',
    }),
    Email: EmailParam,
    ParentFolderId: Type.Optional(
      Type.String({
        pattern: '^(r|fd)-[A-Za-z0-9]{1,32}$',
        description: 'Specify a folder ID such as r-xxxxxx or fd-xxxxxxxxxx.',
      }),
    ),
  }),
  paramErrors: {
    DisplayName: { missing: 'MissingParameter.Account.DisplayName', invalid: 'InvalidParameter.Account.DisplayName' },
    Email: EMAIL_ERRORS,
    ParentFolderId: { missing: 'InvalidParameter.ParentFolderId', invalid: 'InvalidParameter.ParentFolderId' },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Folder',
    'InvalidParameter.Email.AlreadyUsed',
    'InvalidParameter.Account.DisplayName.AlreadyUsed',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const r = await ctx.services.lifecycle.cloudAccounts.create(dir.value, {
      displayName: input.DisplayName,
      email: input.Email.toLowerCase(),
      folderId: input.ParentFolderId ?? dir.value.root_folder_id,
    });
    if (!r.ok) return r;
    return ok({ Account: recordAccountView(r.value.member, r.value.record, ctx.version, false) });
  },
});
