import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { updatedMemberView } from './member-views.js';

/** Changes a member's display name, or switches its type (exactly one of the two per call). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UpdateAccount',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:UpdateAccount',
  officialParams: {
    '2020-03-31': ['AccountId', 'NewAccountType', 'NewDisplayName'],
    '2022-04-19': ['AccountId', 'NewAccountType', 'NewDisplayName', 'DryRun'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-ram-identity',
  input: Type.Object({
    AccountId: AccountIdParam,
    NewDisplayName: Type.Optional(
      Type.String({
        minLength: 2,
        maxLength: 50,
        pattern: '^(?! )[A-Za-z0-9_.\\- \\u3400-\\u9fff\\uf900-\\ufaff]+(?<! )$',
        description:
          'Use 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -, not starting or ending with ' +
          'a space.',
      }),
    ),
    DryRun: Type.Optional(Type.String({ pattern: '^(true|false)$', description: 'Specify true or false.' })),
    NewAccountType: Type.Optional(
      Type.String({
        pattern: '^(ResourceAccount|CloudAccount)$',
        description: 'Specify ResourceAccount or CloudAccount.',
      }),
    ),
  }),
  paramErrors: {
    AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
    NewDisplayName: {
      missing: 'InvalidParameter.Account.DisplayName',
      invalid: 'InvalidParameter.Account.DisplayName',
    },
    DryRun: { missing: 'InvalidParameter.DryRun', invalid: 'InvalidParameter.DryRun' },
    NewAccountType: { missing: 'InvalidParameter.NewAccountType', invalid: 'InvalidParameter.NewAccountType' },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Account',
    'NotSupport.AccountInAnotherResourceDirectory',
    'MissingDisplayNameOrAccountType',
    'InvalidParameter.Account.DisplayName.AlreadyUsed',
    'AccountTypeMismatch',
    'AccountTypeOrStatusMismatch',
    'MissingSecurityInfo',
    'ConcurrentCallNotSupported',
    'DryRunOperation',
  ],
  async handler(ctx, input) {
    const dir = ctx.managedDirectory;
    if (!dir) return err(failure('CallerIdentityError'));
    const { NewDisplayName: name, NewAccountType: type } = input;
    if ((name === undefined) === (type === undefined)) return err(failure('MissingDisplayNameOrAccountType'));
    const changed =
      name !== undefined
        ? await ctx.services.members.rename(dir, input.AccountId, name.normalize('NFC'))
        : await ctx.services.members.switchType(
            dir,
            input.AccountId,
            type === 'CloudAccount' ? 'CloudAccount' : 'ResourceAccount',
          );
    if (!changed.ok) return changed;
    // A dry run checks as a change would, then rolls it back (a failure ends the transaction).
    if (input.DryRun === 'true') return err(failure('DryRunOperation'));
    return ok({ Account: updatedMemberView(changed.value, ctx.version) });
  },
});
