import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { FolderIdParam } from './folder-params.js';

/** Moves a member into another folder of the same directory. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'MoveAccount',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:MoveAccount',
  officialParams: {
    '2020-03-31': ['AccountId', 'DestinationFolderId'],
    '2022-04-19': ['AccountId', 'DestinationFolderId'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-account',
  input: Type.Object({ AccountId: AccountIdParam, DestinationFolderId: FolderIdParam }),
  paramErrors: {
    AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
    DestinationFolderId: {
      missing: 'MissingParameter.DestinationFolderId',
      invalid: 'InvalidParameter.DestinationFolderId',
    },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.Account',
    'EntityNotExists.Folder',
    'NotSupport.AccountInAnotherResourceDirectory',
    'AccountTypeOrStatusMismatch',
    'ConcurrentCallNotSupported',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const moved = await ctx.services.members.move(dir.value, input.AccountId, input.DestinationFolderId);
    if (!moved.ok) return moved;
    return ok({});
  },
});
