import type { CatalogEntry } from './catalog-entry.js';

/** Error codes of RAM (2015-05-01) and STS (2015-04-01): see docs/ram-sts.md. */
export const RAM_STS_CODES = {
  'InvalidParameter.UserName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "UserName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, ' +
      'digits and . _ -',
  },
  'InvalidParameter.NewUserName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "NewUserName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, ' +
      'digits and . _ -',
  },
  'InvalidParameter.NewGroupName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "NewGroupName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, ' +
      'digits and . _ -',
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
      'The parameter - "RoleName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, ' +
      'digits and . -',
  },
  'InvalidParameter.PolicyName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "PolicyName" contains invalid chars or is beyond the length limit: use 1 to 128 letters, ' +
      'digits and -',
  },
  'InvalidParameter.GroupName.InvalidChars': {
    status: 400,
    message:
      'The parameter - "GroupName" contains invalid chars or is beyond the length limit: use 1 to 64 letters, ' +
      'digits and . _ -',
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
} as const satisfies Record<string, CatalogEntry>;
