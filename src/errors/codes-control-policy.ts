/**
 * Error codes of the control policy operations (part of ERROR_CATALOG). Alibaba documents few of
 * them; the others follow its naming (see docs/decisions.md, "Control policies").
 */
import type { CatalogEntry } from './catalog-entry.js';

export const CONTROL_POLICY_CODES = {
  'MissingParameter.PolicyId': { status: 400, message: 'The PolicyId parameter is required.' },
  'InvalidParameter.PolicyId': {
    status: 400,
    message: 'The PolicyId parameter is invalid: use a control policy ID such as cp-xxxxxxxxxxxx or FullAliyunAccess.',
  },
  'MissingParameter.TargetId': { status: 400, message: 'The TargetId parameter is required.' },
  'InvalidParameter.TargetId': {
    status: 400,
    message: 'The TargetId parameter is invalid: use a folder ID (r-…, fd-…) or a 16-digit member account ID.',
  },
  'MissingParameter.ControlPolicyName': { status: 400, message: 'The PolicyName parameter is required.' },
  'InvalidParameter.ControlPolicyName': {
    status: 400,
    message:
      'The policy name is invalid: use 1 to 128 letters, digits and hyphens (-), starting with a letter or a digit.',
  },
  'InvalidParameter.ControlPolicy.Description': {
    status: 400,
    message: 'The description is invalid: use at most 1,024 printable characters.',
  },
  'MissingParameter.PolicyDocument': { status: 400, message: 'The PolicyDocument parameter is required.' },
  'InvalidParameter.PolicyDocument.Length': {
    status: 400,
    message: 'The policy document exceeds the maximum length of 4,096 characters.',
  },
  'InvalidParameter.EffectScope': { status: 400, message: 'The EffectScope parameter is invalid: use RAM.' },
  'InvalidParameter.ControlPolicy.PolicyType': {
    status: 400,
    message: 'The PolicyType parameter is invalid: use System or Custom.',
  },
  'InvalidParameter.Language': {
    status: 400,
    message: 'The Language parameter is invalid: use zh-CN, en-US or ja-JP.',
  },
  'EntityNotExists.ControlPolicy': { status: 404, message: 'The specified control policy does not exist.' },
  'EntityNotExists.Target': {
    status: 404,
    message: 'The specified target does not exist in the resource directory.',
  },
  'EntityAlreadyExists.ControlPolicy': {
    status: 409,
    message: 'A control policy with the same name already exists in the resource directory.',
  },
  'EntityAlreadyExists.ControlPolicyAttachment': {
    status: 409,
    message: 'The control policy is already attached to the target.',
  },
  'EntityNotExists.ControlPolicyAttachment': {
    status: 404,
    message: 'The control policy is not attached to the target.',
  },
  'LimitExceeded.ControlPolicy': {
    status: 409,
    message: 'The resource directory holds the maximum number of custom control policies (1,500).',
  },
  'LimitExceeded.ControlPolicyAttachment': {
    status: 409,
    message: 'At most 10 control policies can be attached to a folder or member.',
  },
  'DeleteConflict.ControlPolicy.Attachment': {
    status: 409,
    message: 'The control policy is attached to folders or members: detach it before you delete it.',
  },
  'DetachConflict.ControlPolicy.LastOne': {
    status: 409,
    message: 'The last control policy attached to a folder or member cannot be detached.',
  },
  'NoPermission.SystemControlPolicy': {
    status: 409,
    message: 'The system control policy FullAliyunAccess cannot be modified or deleted.',
  },
  'Throttling.EnableControlPolicy': {
    status: 409,
    message: 'The enable operation is too frequent. Please try again later.',
  },
  InvalidControlPolicyEnablementStatus: {
    status: 409,
    message: 'The control policy enablement status does not allow this operation.',
  },
} as const satisfies Record<string, CatalogEntry>;
