/**
 * The one closed catalog of error codes resdir can answer with.
 *
 * Every code carries its HTTP status and default message. Layers refer to codes by name only;
 * the envelope serializer looks the status up here. docs/errors.md is generated from this table
 * and a test keeps the two in agreement.
 */
import type { CatalogEntry } from './catalog-entry.js';
import { DIRECTORY_CODES } from './codes-directory.js';
import { LIFECYCLE_CODES } from './codes-lifecycle.js';
import { RAM_STS_CODES } from './codes-ram.js';
import { CONTROL_POLICY_CODES } from './codes-control-policy.js';
import { MISC_CODES } from './codes-misc.js';
import { MESSAGE_CONTACT_CODES } from './codes-message-contacts.js';

export type { CatalogEntry } from './catalog-entry.js';

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
  // --- RAM (2015-05-01) and STS (2015-04-01): docs/ram-sts.md
  ...RAM_STS_CODES,
  // --- resource directory, folders and member placement, secure mobile phone
  ...DIRECTORY_CODES,
  // --- directory lifecycle, member deletion, invitations
  ...LIFECYCLE_CODES,
  // --- member administration: payers, billing precheck
  ...MISC_CODES,
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
      'The StartTime parameter is invalid. Specify an ISO 8601 UTC time such as 2026-11-29T00:00:00Z, not after ' +
      'EndTime.',
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
  'InvalidParameter.Direction': {
    status: 400,
    message: 'The Direction parameter is invalid. Specify FORWARD (oldest first) or BACKWARD (newest first).',
  },
  'InvalidParameter.LookupAttribute': {
    status: 400,
    message:
      'The LookupAttribute parameter is invalid. Use at most 2 items with a supported Key and a non-empty Value.',
  },
  // --- control policies: errors/codes-control-policy.ts ----------------------------------------
  ...CONTROL_POLICY_CODES,
  // --- message contacts (2022-04-19): errors/codes-message-contacts.ts -------------------------
  ...MESSAGE_CONTACT_CODES,
  // --- RAM virtual MFA devices, security preference, tags, diagnostics: docs/ram-sts.md ---------
  'InvalidParameter.VirtualMFADeviceName': {
    status: 400,
    message: 'The VirtualMFADeviceName parameter is invalid: use 1 to 64 letters, digits and . _ -',
  },
  'InvalidParameter.SerialNumber': {
    status: 400,
    message: 'The SerialNumber parameter is invalid: use the serial number acs:ram::<uid>:mfa/<name>.',
  },
  'InvalidParameter.AuthenticationCode': {
    status: 400,
    message: 'The authentication codes must be two consecutive 6-digit codes of the MFA device.',
  },
  'EntityAlreadyExists.VirtualMFADevice': { status: 409, message: 'The virtual MFA device already exists.' },
  'EntityNotExist.VirtualMFADevice': { status: 404, message: 'The virtual MFA device does not exist.' },
  'EntityNotExist.User.MFADevice': { status: 404, message: 'The user has no MFA device.' },
  'EntityAlreadyExists.User.MFADevice': {
    status: 409,
    message: 'The user already has an MFA device, or the MFA device is bound to a user.',
  },
  'DeleteConflict.VirtualMFADevice.User': {
    status: 409,
    message: 'The virtual MFA device is bound to a user; unbind it before deleting it.',
  },
  'InvalidParameter.LoginSessionDuration': {
    status: 400,
    message: 'The LoginSessionDuration parameter is invalid: specify 1 to 24 (hours).',
  },
  'InvalidParameter.LoginNetworkMasks': {
    status: 400,
    message:
      'The LoginNetworkMasks parameter is invalid: up to 40 CIDR blocks separated by semicolons, 512 characters.',
  },
  'InvalidParameter.SecurityPreference': {
    status: 400,
    message: 'The security preference parameter is invalid: specify true or false.',
  },
  'InvalidParameter.EncodedDiagnosticMessage': {
    status: 400,
    message: 'The EncodedDiagnosticMessage parameter is not a diagnostic message of this account.',
  },
  'InvalidParameter.ResourceType': {
    status: 400,
    message: 'The ResourceType parameter is invalid: role or policy (RAM), Account or Folder (Resource Directory).',
  },
  'InvalidParameter.ResourceNames': {
    status: 400,
    message: 'The ResourceNames parameter must be a JSON array of 1 to 50 resource names.',
  },
  'InvalidParameter.Tag': {
    status: 400,
    message:
      'The Tag parameter is invalid: at most 20 tags, each key once (RAM: a JSON array of {"Key","Value"}; ' +
      'Resource Directory: Tag.N.Key and Tag.N.Value).',
  },
  'InvalidParameter.TagKeys': {
    status: 400,
    message: 'The TagKeys parameter must be a JSON array of 1 to 20 tag keys of 1 to 128 characters.',
  },
  'LimitExceeded.Tags': { status: 409, message: 'A resource can carry at most 20 tags.' },
  // --- Resource Directory: tags --------------------------------------------------------------
  'MissingParameter.ResourceId': { status: 400, message: 'The ResourceId.N parameter is required.' },
  'InvalidParameter.ResourceId': {
    status: 400,
    message: 'The ResourceId.N parameter is invalid. Give 1 to 50 member account IDs or folder IDs.',
  },
  'MissingParameter.ResourceType': { status: 400, message: 'The ResourceType parameter is required.' },
  'MissingParameter.Tag': { status: 400, message: 'The Tag.N parameter is required.' },
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
} as const satisfies Record<string, CatalogEntry>;

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
  /** NoPermission only: the body's `AccessDeniedDetail` (see auth/diagnostic.ts). */
  readonly accessDeniedDetail?: Readonly<Record<string, string>>;
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
