/**
 * The one closed catalog of error codes resdir can answer with.
 *
 * Every code carries its HTTP status and default message. Layers refer to codes by name only;
 * the envelope serializer looks the status up here. docs/errors.md is generated from this table
 * and a test keeps the two in agreement.
 */
export const ERROR_CATALOG = {
  // --- gateway: request shape -------------------------------------------------------------
  MissingParameter: {
    status: 400,
    message: 'The input parameter that is mandatory for processing this request is not supplied.',
  },
  InvalidParameter: { status: 400, message: 'The specified parameter is not valid.' },
  'InvalidAction.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  UnsupportedHTTPMethod: { status: 400, message: 'This http method not supported.' },
  'InvalidParameter.Format': { status: 400, message: 'Specified parameter format is not valid.' },
  'Request.BodyTooLarge': { status: 413, message: 'The request body is too large.' },
  // --- gateway: authentication --------------------------------------------------------------
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Aliyun standards.' },
  InvalidSignatureMethod: { status: 400, message: 'Specified signature method is not valid.' },
  SignatureDoesNotMatch: { status: 400, message: 'Specified signature does not match our calculation.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  'InvalidAccessKeyId.Inactive': { status: 400, message: 'Specified access key is disabled.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidSecurityToken.Expired': { status: 400, message: 'Specified SecurityToken is expired.' },
  'InvalidSecurityToken.Malformed': { status: 400, message: 'Specified SecurityToken is malformed.' },
  'InvalidSecurityToken.MismatchWithAccessKey': {
    status: 400,
    message: 'Specified SecurityToken mismatch with the AccessKey.',
  },
  // --- authorization -------------------------------------------------------------------------
  NoPermission: { status: 403, message: 'You are not authorized to perform this operation.' },
  CallerIdentityError: {
    status: 409,
    message: 'The operation can only be performed by a RAM user or RAM role of the management account.',
  },
  MissingSecurityToken: { status: 400, message: 'SecurityToken is mandatory for this action.' },
  // --- RAM (2015-05-01) and STS (2015-04-01): docs/ram-sts.md --------------------------------
  'InvalidParameter.UserName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "UserName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, digits and . _ -',
  },
  'InvalidParameter.NewUserName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "NewUserName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, digits and . _ -',
  },
  'InvalidParameter.NewGroupName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "NewGroupName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, digits and . _ -',
  },
  'InvalidParameter.DisplayName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "DisplayName" contains invalid chars or is beyond the length limit: use 1 to 128 characters.',
  },
  'InvalidParameter.NewDisplayName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "NewDisplayName" contains invalid chars or is beyond the length limit: use 1 to 128 characters.',
  },
  'InvalidParameter.RoleName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "RoleName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, digits and . -',
  },
  'InvalidParameter.PolicyName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "PolicyName" contains invalid chars or is beyond the length limit: use 1 to 128 letters, digits and -',
  },
  'InvalidParameter.GroupName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "GroupName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, digits and . _ -',
  },
  'InvalidParameter.PolicyType': { status: 400, message: 'The parameter - "PolicyType" must be System or Custom.' },
  'InvalidParameter.Status': { status: 400, message: 'The parameter - "Status" must be Active or Inactive.' },
  'InvalidParameter.MaxSessionDuration': {
    status: 400,
    message: 'The parameter - "MaxSessionDuration" must be an integer from 3600 to 43200.',
  },
  'InvalidParameter.Marker': {
    status: 400,
    message: 'The parameter - "Marker" is not a marker returned by a previous call.',
  },
  'InvalidParameter.MaxItems': {
    status: 400,
    message: 'The parameter - "MaxItems" must be an integer from 1 to 1000.',
  },
  'InvalidParameter.VersionId': { status: 400, message: 'The parameter - "VersionId" must look like v1, v2, …' },
  'InvalidParameter.RotateStrategy': {
    status: 400,
    message: 'The parameter - "RotateStrategy" must be None or DeleteOldestNonDefaultVersionWhenLimitExceeded.',
  },
  MalformedPolicyDocument: { status: 400, message: 'The policy document is malformed.' },
  'EntityNotExist.User': { status: 404, message: 'The user does not exist.' },
  'EntityAlreadyExists.User': { status: 409, message: 'The user already exists.' },
  'EntityNotExist.User.AccessKey': { status: 404, message: 'The AccessKey does not exist.' },
  'LimitExceeded.User.AccessKey': {
    status: 409,
    message: 'The count of AccessKeys of the user exceeds the limit (2).',
  },
  'DeleteConflict.User.AccessKey': {
    status: 409,
    message: 'The user has AccessKeys; delete them before deleting the user.',
  },
  'DeleteConflict.User.Policy': {
    status: 409,
    message: 'The user has policies attached; detach them before deleting the user.',
  },
  'DeleteConflict.User.Group': {
    status: 409,
    message: 'The user belongs to groups; remove it from them before deleting the user.',
  },
  'EntityNotExist.Role': { status: 404, message: 'The role does not exist.' },
  'EntityAlreadyExists.Role': { status: 409, message: 'The role already exists.' },
  'DeleteConflict.Role.Policy': {
    status: 409,
    message: 'The role has policies attached; detach them before deleting the role.',
  },
  'EntityNotExist.Policy': { status: 404, message: 'The policy does not exist.' },
  'EntityAlreadyExists.Policy': { status: 409, message: 'The policy already exists.' },
  'EntityNotExist.Policy.Version': { status: 404, message: 'The policy version does not exist.' },
  'LimitExceeded.Policy.Version': {
    status: 409,
    message: 'The count of versions of the policy exceeds the limit (5).',
  },
  'DeleteConflict.Policy.User': {
    status: 409,
    message: 'The policy CAN NOT be attached to any user while deleting the policy.',
  },
  'DeleteConflict.Policy.Role': {
    status: 409,
    message: 'The policy CAN NOT be attached to any role while deleting the policy.',
  },
  'DeleteConflict.Policy.Group': {
    status: 409,
    message: 'The policy CAN NOT be attached to any group while deleting the policy.',
  },
  'DeleteConflict.Policy.Version.Default': {
    status: 409,
    message: 'The default version of a policy cannot be deleted; make another version the default first.',
  },
  'DeleteConflict.Policy.Version': {
    status: 409,
    message: 'The policy CAN NOT have any version except the default version while deleting the policy.',
  },
  'EntityAlreadyExists.User.Policy': { status: 409, message: 'The policy is already attached to the user.' },
  'EntityAlreadyExists.Role.Policy': { status: 409, message: 'The policy is already attached to the role.' },
  'EntityAlreadyExists.Group.Policy': { status: 409, message: 'The policy is already attached to the group.' },
  'EntityNotExist.User.Policy': { status: 404, message: 'The policy is not attached to the user.' },
  'EntityNotExist.Role.Policy': { status: 404, message: 'The policy is not attached to the role.' },
  'EntityNotExist.Group.Policy': { status: 404, message: 'The policy is not attached to the group.' },
  'EntityNotExist.Group': { status: 404, message: 'The group does not exist.' },
  'EntityNotExist.User.LoginProfile': { status: 404, message: 'The user has no login profile.' },
  'EntityAlreadyExists.User.LoginProfile': { status: 409, message: 'The user already has a login profile.' },
  'EntityAlreadyExists.AccountAlias': { status: 409, message: 'The account alias is taken by another account.' },
  'InvalidParameter.Password': { status: 400, message: 'The password does not meet the password policy.' },
  'InvalidParameter.OldPassword': { status: 400, message: 'The old password is not correct.' },
  'InvalidParameter.AccountAlias': {
    status: 400,
    message:
      'The account alias must be 3 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen.',
  },
  'InvalidParameter.PasswordPolicy': { status: 400, message: 'A password policy setting is out of range.' },
  'EntityNotExist.User.Group': { status: 404, message: 'The user is not in the group.' },
  'DeleteConflict.Group.User': {
    status: 409,
    message: 'The group still has users; remove them before deleting the group.',
  },
  'DeleteConflict.Group.Policy': {
    status: 409,
    message: 'The group has policies attached; detach them before deleting the group.',
  },
  'EntityAlreadyExists.Group': { status: 409, message: 'The group already exists.' },
  'EntityAlreadyExists.User.Group': { status: 409, message: 'The user is already in the group.' },
  'InvalidParameter.RoleArn': {
    status: 400,
    message: 'The parameter RoleArn is wrongly formed: use acs:ram::<account ID>:role/<role name>.',
  },
  'InvalidParameter.RoleSessionName': {
    status: 400,
    message: 'The parameter RoleSessionName is wrongly formed: use 2 to 64 letters, digits and . @ - _',
  },
  'InvalidParameter.DurationSeconds': {
    status: 400,
    message: 'The Min/Max value of DurationSeconds is 15min/the max session duration of the role (at most 12 hours).',
  },
  'InvalidParameter.PolicyGrammar': { status: 400, message: 'The parameter Policy has not passed grammar check.' },
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
      'The AccountNamePrefix parameter is invalid. Use 2 to 37 letters, digits and _ . - that start and end with a letter or digit, with no consecutive special characters.',
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
      'The type or status of the member does not allow this operation. Only members of the ResourceAccount type are supported.',
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
      'The SecureMobilePhone parameter is required. Specify it in the <country code>-<mobile phone number> format, for example 1-2025550123.',
  },
  'InvalidParameter.SecureMobilePhone': {
    status: 400,
    message:
      'The SecureMobilePhone parameter is invalid. Specify a mobile phone number in the <country code>-<mobile phone number> format, for example 1-2025550123.',
  },
  'InvalidParameter.MobileCountryCode': { status: 409, message: 'The current site does not support the country code.' },
  'MissingParameter.VerificationCode': { status: 400, message: 'The VerificationCode parameter is required.' },
  AccountSecureMobileAlreadyExists: { status: 409, message: 'The member already has a secure mobile phone number.' },
  SendValidateCodeExceedsLimitForAccount: {
    status: 409,
    message: 'For the same account, the number of verification codes sent exceeds the limit.',
  },
  'Invalid.VerificationCode': { status: 409, message: 'The verification code is invalid.' },
  // --- idempotency and audit -----------------------------------------------------------
  // --- directory lifecycle, member deletion, invitations ------------------------------------------
  'EntityAlreadyExists.ResourceDirectory': {
    status: 409,
    message: 'The account already has a resource directory.',
  },
  'InvalidParameter.ManagementAccountName': {
    status: 409,
    message:
      'The management account name must be <prefix>@rdadmin.aliyunid.com with a prefix of 2 to 50 letters, digits and _ . - that starts and ends with a letter or digit and has no consecutive special characters.',
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
  // --- idempotency and audit -------------------------------------------------------------------
  'InvalidParameter.ClientToken': {
    status: 400,
    message: 'The ClientToken parameter is invalid. Use at most 64 printable ASCII characters.',
  },
  IdempotentParameterMismatch: {
    status: 409,
    message:
      'The request uses the same ClientToken as an earlier request within 24 hours, but with different parameters.',
  },
  'InvalidParameter.StartTime': {
    status: 400,
    message:
      'The StartTime parameter is invalid. Specify an ISO 8601 UTC time such as 2026-11-29T00:00:00Z, not after EndTime.',
  },
  'InvalidParameter.EndTime': {
    status: 400,
    message: 'The EndTime parameter is invalid. Specify an ISO 8601 UTC time such as 2026-11-29T00:00:00Z.',
  },
  'InvalidParameter.MaxResults': {
    status: 400,
    message: 'The MaxResults parameter is invalid. Specify an integer from 1 to 50.',
  },
  'InvalidParameter.NextToken': {
    status: 400,
    message: 'The NextToken parameter is invalid. Pass the NextToken of the previous page with the same filters.',
  },
  'InvalidParameter.LookupAttribute': {
    status: 400,
    message:
      'The LookupAttribute parameter is invalid. Use at most 2 items with a supported Key and a non-empty Value.',
  },
  // --- Resource Directory: tags --------------------------------------------------------------
  'MissingParameter.ResourceId': { status: 400, message: 'The ResourceId.N parameter is required.' },
  'InvalidParameter.ResourceId': {
    status: 400,
    message: 'The ResourceId.N parameter is invalid. Give 1 to 50 member account IDs or folder IDs.',
  },
  'MissingParameter.ResourceType': { status: 400, message: 'The ResourceType parameter is required.' },
  'InvalidParameter.ResourceType': {
    status: 400,
    message: 'The ResourceType parameter is invalid. Valid values: Account, Folder.',
  },
  'MissingParameter.Tag': { status: 400, message: 'The Tag.N parameter is required.' },
  'InvalidParameter.Tag': {
    status: 400,
    message: 'The Tag.N parameter is invalid. Give at most 20 tags as Tag.N.Key and Tag.N.Value, each key once.',
  },
  'InvalidParameter.TagKey': {
    status: 400,
    message:
      'The tag key is invalid. A key has 1 to 128 characters, does not start with aliyun or acs: and ' +
      'contains neither http:// nor https:// nor control characters.',
  },
  'InvalidParameter.TagValue': {
    status: 400,
    message:
      'The tag value is invalid. A value has at most 128 characters, does not start with acs: and ' +
      'contains neither http:// nor https:// nor control characters.',
  },
  'LimitExceeded.TagsPerResource': { status: 409, message: 'A resource can have at most 20 tags.' },
  // --- Resource Directory: delegated administrators -----------------------------------------
  'MissingParameter.ServicePrincipal': { status: 400, message: 'The ServicePrincipal parameter is required.' },
  'InvalidParameter.ServicePrincipal': {
    status: 400,
    message: 'The specified trusted service does not exist or does not support delegated administrators.',
  },
  AccountAlreadyRegistered: {
    status: 409,
    message: 'The specified account is already a delegated administrator for this service.',
  },
  AccountNotRegistered: {
    status: 409,
    message: 'The specified account is not a delegated administrator for this service.',
  },
  AccountNumberExceeded: { status: 409, message: 'The count of delegatedAdministrator account exceeds quota.' },
  RemoveConfilctAccountAsDelegatedAdministator: {
    status: 409,
    message: 'The member is a delegated administrator of a trusted service. Deregister it before deleting it.',
  },
  'Deny.TrustedService': {
    status: 409,
    message: 'The member is used by a trusted service as a delegated administrator. Deregister it first.',
  },
  // --- service -------------------------------------------------------------------------------
  InternalError: {
    status: 500,
    message: 'The request processing has failed due to some unknown error, exception or failure.',
  },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** An expected failure: a catalog code, optionally with a more specific message. */
export interface ApiFailure {
  readonly code: ErrorCode;
  readonly message?: string;
  /** Milliseconds after which a retry can succeed; sent as `x-acs-retry-after`. */
  readonly retryAfterMs?: number;
  /** What the caller can do, shown in `Recommend` before the troubleshooting link. */
  readonly recommend?: string;
  /** The precise reason, for the audit record only (never a code or a secret). */
  readonly auditDetail?: string;
}

export function failure(code: ErrorCode, message?: string, retryAfterMs?: number): ApiFailure {
  return {
    code,
    ...(message !== undefined ? { message } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

export function statusOf(code: ErrorCode): number {
  return ERROR_CATALOG[code].status;
}

export function messageOf(f: ApiFailure): string {
  return f.message ?? ERROR_CATALOG[f.code].message;
}

export function isErrorCode(s: string): s is ErrorCode {
  return Object.hasOwn(ERROR_CATALOG, s);
}
