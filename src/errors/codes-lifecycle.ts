import type { CatalogEntry } from './catalog-entry.js';

/** Error codes of the directory lifecycle, member deletion and invitations. */
export const LIFECYCLE_CODES = {
  'EntityAlreadyExists.ResourceDirectory': {
    status: 409,
    message: 'The account already has a resource directory.',
  },
  'InvalidParameter.ManagementAccountName': {
    status: 409,
    message:
      'The management account name must be <prefix>@rdadmin.aliyunid.com with a prefix of 2 to 50 letters, digits ' +
      'and _ . - that starts and ends with a letter or digit and has no consecutive special characters.',
  },
  'InvalidParameter.ManagementAccountName.AlreadyUsed': {
    status: 409,
    message: 'The management account name is already used.',
  },
  MissingSecureMobilePhone: {
    status: 409,
    message: 'A secure mobile phone number is required: specify one, or bind one to the calling account.',
  },
  'DeleteConflict.ResourceDirectory.Account': {
    status: 409,
    message: 'The resource directory still has members besides the management account.',
  },
  'DeleteConflict.ResourceDirectory.Folder': {
    status: 409,
    message: 'The resource directory still has folders besides the root folder.',
  },
  'NoLicense.ResourceDirectory': {
    status: 409,
    message: 'Member deletion is not enabled for the resource directory: call SetMemberDeletionPermission first.',
  },
  'MemberTypeError.DeleteAccount': {
    status: 409,
    message: 'Only members of the ResourceAccount type created in the resource directory can be deleted.',
  },
  'CallerIdentityError.DeleteAccount': {
    status: 409,
    message: 'Members can only be deleted by a RAM user or RAM role of the management account.',
  },
  'EntityNotExists.CheckAccount': {
    status: 409,
    message: 'No deletion check was run for the member: call CheckAccountDelete first.',
  },
  'NotSupportedOperation.CheckingAccount': {
    status: 409,
    message: 'The deletion check of the member is still running.',
  },
  'ExistProcessingDeleteFlow.DeleteAccount': {
    status: 409,
    message: 'The member is already being deleted.',
  },
  'InvalidParameter.AbandonableCheckId': {
    status: 400,
    message: 'AbandonableCheckId must be a JSON array of check IDs returned by GetAccountDeletionCheckResult.',
  },
  'MissingParameter.TargetEntity': { status: 400, message: 'The TargetEntity parameter is required.' },
  'InvalidParameter.TargetEntity': {
    status: 400,
    message: 'TargetEntity must be a 16-digit account ID (TargetType Account) or a logon e-mail (TargetType Email).',
  },
  'MissingParameter.TargetType': { status: 400, message: 'The TargetType parameter is required.' },
  'InvalidParameter.TargetType': { status: 400, message: 'TargetType must be Account or Email.' },
  'InvalidParameter.Note': { status: 400, message: 'The Note parameter can be at most 1024 characters long.' },
  'MissingParameter.HandshakeId': { status: 400, message: 'The HandshakeId parameter is required.' },
  'InvalidParameter.HandshakeId': { status: 400, message: 'The HandshakeId parameter is invalid.' },
  'EntityNotExists.Handshake': { status: 404, message: 'The specified invitation does not exist.' },
  'EntityAlreadyExists.Handshake': {
    status: 409,
    message: 'An invitation to the account is already pending in the resource directory.',
  },
  'EntityAlreadyExists.ResourceDir.Account': {
    status: 409,
    message: 'The account is already a member of the resource directory.',
  },
  HandshakeStatusMismatch: {
    status: 409,
    message: 'The invitation is no longer pending: it was accepted, declined, cancelled, or it expired.',
  },
  // --- e-mail changes, cloud account creation and promotion (confirmation mails) ----------------
  'MissingParameter.Email': { status: 400, message: 'The Email parameter is required.' },
  'InvalidParameter.Email': {
    status: 400,
    message: 'The Email parameter is invalid. Specify an e-mail address of at most 64 characters.',
  },
  'InvalidParameter.Email.AlreadyUsed': { status: 409, message: 'The e-mail address is already used by an account.' },
  'NotSupportedOperation.Account.EmailModify': {
    status: 400,
    message: 'The operation is not supported because the e-mail address of the account is being changed.',
  },
  'NotSupport.InvitedAccount': {
    status: 400,
    message: 'The operation is not supported for accounts invited to join the resource directory.',
  },
  'EntityNotExists.EmailModifyRecord': {
    status: 404,
    message: 'The member has no pending e-mail change.',
  },
  'MissingParameter.RecordId': { status: 400, message: 'The RecordId parameter is required.' },
  'InvalidParameter.RecordId': {
    status: 400,
    message: 'The RecordId parameter is invalid. Specify the RecordId of an account record.',
  },
  'EntityNotExists.AccountRecord': {
    status: 404,
    message: 'The account record does not exist or was deleted.',
  },
} as const satisfies Record<string, CatalogEntry>;
