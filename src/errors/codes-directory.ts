import type { CatalogEntry } from './catalog-entry.js';

/** Error codes of the resource directory, its folders and member placement, and the secure mobile phone. */
export const DIRECTORY_CODES = {
  // --- resource directory --------------------------------------------------------------------
  ResourceDirectoryNotInUse: { status: 404, message: 'The resource directory is not enabled for the account.' },
  'EntityNotExists.ResourceDirectory': { status: 404, message: 'The resource directory does not exist.' },
  'EntityNotExists.Folder': { status: 404, message: 'The specified folder does not exist.' },
  'EntityNotExists.Account': { status: 404, message: 'The specified account does not exist.' },
  'MissingParameter.AccountId': { status: 400, message: 'The AccountId parameter is required.' },
  'InvalidParameter.AccountId': {
    status: 400,
    message: 'The AccountId parameter is invalid. Specify the 16-digit account ID of a member.',
  },
  'InvalidParameter.ParentFolderId': { status: 400, message: 'The ParentFolderId parameter is invalid.' },
  'MissingParameter.Account.DisplayName': { status: 400, message: 'The DisplayName parameter is required.' },
  'InvalidParameter.Account.DisplayName': {
    status: 400,
    message:
      'The DisplayName parameter is invalid. Use 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -',
  },
  'InvalidParameter.Account.DisplayName.AlreadyUsed': {
    status: 409,
    message: 'The display name is already used by another member of the resource directory.',
  },
  'InvalidParameter.Account.AccountNamePrefix': {
    status: 400,
    message:
      'The AccountNamePrefix parameter is invalid. Use 2 to 37 letters, digits and _ . - that start and end with a ' +
      'letter or digit, with no consecutive special characters.',
  },
  'EntityAlreadyExists.ResourceDirectory.Account': {
    status: 409,
    message: 'An account with the same name already exists in the resource directory.',
  },
  'InvalidParameter.PageNumber': {
    status: 400,
    message: 'The PageNumber parameter is invalid. Specify an integer from 1.',
  },
  'InvalidParameter.PageSize': {
    status: 400,
    message: 'The PageSize parameter is invalid. Specify an integer from 1 to 100.',
  },
  'NotSupport.AccountInAnotherResourceDirectory': {
    status: 409,
    message: 'The specified account is an Alibaba Cloud account or already exists in another resource directory.',
  },
  AccountTypeMismatch: {
    status: 409,
    message:
      'The type or status of the member does not allow this operation. Only members of the ResourceAccount type ' +
      'are supported.',
  },
  // --- folders and member placement ----------------------------------------------------------
  'MissingParameter.Folder.Name': { status: 400, message: 'The folder name is required.' },
  'InvalidParameter.Folder.Name': {
    status: 400,
    message: 'The folder name is invalid. Use 1 to 24 characters: letters, digits, CJK characters and _ . -',
  },
  'InvalidParameter.Folder.Name.AlreadyUsed': {
    status: 400,
    message: 'The parent folder already has a folder with this name.',
  },
  'MissingParameter.FolderId': { status: 400, message: 'The FolderId parameter is required.' },
  'InvalidParameter.FolderId': { status: 400, message: 'The FolderId parameter is invalid.' },
  'MissingParameter.ChildId': { status: 400, message: 'The ChildId parameter is required.' },
  'InvalidParameter.ChildId': { status: 400, message: 'The ChildId parameter is invalid.' },
  'MissingParameter.DestinationFolderId': { status: 400, message: 'The DestinationFolderId parameter is required.' },
  'InvalidParameter.DestinationFolderId': { status: 400, message: 'The DestinationFolderId parameter is invalid.' },
  'MissingParameter.ParentFolderId': { status: 400, message: 'The ParentFolderId parameter is required.' },
  'InvalidParameter.QueryKeyword': {
    status: 400,
    message: 'The QueryKeyword parameter is invalid. Use at most 128 characters.',
  },
  'LimitExceeded.Folder.Depth': {
    status: 409,
    message: 'At most five levels of folders can be created under the root folder.',
  },
  'DeleteConflict.Folder.SubFolder': { status: 409, message: 'The folder contains folders and cannot be deleted.' },
  'DeleteConflict.Folder.Account': {
    status: 409,
    message: 'The folder contains member accounts and cannot be deleted.',
  },
  AccountTypeOrStatusMismatch: {
    status: 409,
    message: 'The type or status of the member does not allow this operation.',
  },
  MissingDisplayNameOrAccountType: {
    status: 409,
    message: 'Specify exactly one of NewDisplayName and NewAccountType.',
  },
  'InvalidParameter.NewAccountType': {
    status: 400,
    message: 'The NewAccountType parameter is invalid. Specify ResourceAccount or CloudAccount.',
  },
  MissingSecurityInfo: {
    status: 409,
    message: 'The member has no secure mobile phone; bind one before it becomes a CloudAccount.',
  },
  ConcurrentCallNotSupported: {
    status: 429,
    message: 'Another request changed the same member at the same time. Read it again and retry.',
  },
  DryRunOperation: {
    status: 400,
    message: 'Request validation has been passed with DryRun flag set. Nothing was changed.',
  },
  'InvalidParameter.DryRun': { status: 400, message: 'The DryRun parameter is invalid. Specify true or false.' },
  UnsupportedParameter: {
    status: 400,
    message: 'The request uses a parameter of the Alibaba Cloud API that resdir does not implement.',
  },
  // --- secure mobile phone -------------------------------------------------------------------
  'MissingParameter.SecureMobilePhone': {
    status: 400,
    message:
      'The SecureMobilePhone parameter is required. Specify it in the <country code>-<mobile phone number> format, ' +
      'for example 1-2025550123.',
  },
  'InvalidParameter.SecureMobilePhone': {
    status: 400,
    message:
      'The SecureMobilePhone parameter is invalid. Specify a mobile phone number in the <country code>-<mobile ' +
      'phone number> format, for example 1-2025550123.',
  },
  'InvalidParameter.MobileCountryCode': { status: 409, message: 'The current site does not support the country code.' },
  'MissingParameter.VerificationCode': { status: 400, message: 'The VerificationCode parameter is required.' },
  AccountSecureMobileAlreadyExists: { status: 409, message: 'The member already has a secure mobile phone number.' },
  SendValidateCodeExceedsLimitForAccount: {
    status: 409,
    message: 'For the same account, the number of verification codes sent exceeds the limit.',
  },
  'Invalid.VerificationCode': { status: 409, message: 'The verification code is invalid.' },
} as const satisfies Record<string, CatalogEntry>;
