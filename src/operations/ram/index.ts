import type { Operation } from '../define.js';
import createUser from './create-user.js';
import getUser from './get-user.js';
import updateUser from './update-user.js';
import listUsers from './list-users.js';
import deleteUser from './delete-user.js';
import createAccessKey from './create-access-key.js';
import listAccessKeys from './list-access-keys.js';
import updateAccessKey from './update-access-key.js';
import deleteAccessKey from './delete-access-key.js';
import createRole from './create-role.js';
import getRole from './get-role.js';
import listRoles from './list-roles.js';
import deleteRole from './delete-role.js';
import updateRole from './update-role.js';
import createLoginProfile from './create-login-profile.js';
import getLoginProfile from './get-login-profile.js';
import updateLoginProfile from './update-login-profile.js';
import deleteLoginProfile from './delete-login-profile.js';
import changePassword from './change-password.js';
import { getPasswordPolicy, setPasswordPolicy } from './password-policy.js';
import { clearAccountAlias, getAccountAlias, setAccountAlias } from './account-alias.js';
import createPolicy from './create-policy.js';
import getPolicy from './get-policy.js';
import getPolicyVersion from './get-policy-version.js';
import listPolicies from './list-policies.js';
import createPolicyVersion from './create-policy-version.js';
import deletePolicy from './delete-policy.js';
import attachPolicyToUser from './attach-policy-to-user.js';
import detachPolicyFromUser from './detach-policy-from-user.js';
import attachPolicyToRole from './attach-policy-to-role.js';
import detachPolicyFromRole from './detach-policy-from-role.js';
import listPoliciesForUser from './list-policies-for-user.js';
import listPoliciesForRole from './list-policies-for-role.js';
import createGroup from './create-group.js';
import addUserToGroup from './add-user-to-group.js';
import attachPolicyToGroup from './attach-policy-to-group.js';
import getGroup from './get-group.js';
import updateGroup from './update-group.js';
import deleteGroup from './delete-group.js';
import listGroups from './list-groups.js';
import removeUserFromGroup from './remove-user-from-group.js';
import listGroupsForUser from './list-groups-for-user.js';
import listUsersForGroup from './list-users-for-group.js';
import detachPolicyFromGroup from './detach-policy-from-group.js';
import listPoliciesForGroup from './list-policies-for-group.js';
import listPolicyVersions from './list-policy-versions.js';
import deletePolicyVersion from './delete-policy-version.js';
import setDefaultPolicyVersion from './set-default-policy-version.js';
import updatePolicyDescription from './update-policy-description.js';
import listEntitiesForPolicy from './list-entities-for-policy.js';
import { createVirtualMFADevice, deleteVirtualMFADevice, listVirtualMFADevices } from './mfa-devices.js';
import { bindMFADevice, getUserMFAInfo, unbindMFADevice } from './user-mfa.js';
import { getSecurityPreference, setSecurityPreference } from './security-preference.js';
import getAccessKeyLastUsed from './access-key-last-used.js';
import decodeDiagnosticMessage from './decode-diagnostic-message.js';
import { listTagResources, tagResources, untagResources } from './tag-resources.js';

/** Every RAM (2015-05-01) operation resdir serves, listed explicitly. */
export const ramOperations: readonly Operation[] = [
  createUser,
  getUser,
  updateUser,
  listUsers,
  deleteUser,
  createAccessKey,
  listAccessKeys,
  updateAccessKey,
  deleteAccessKey,
  createRole,
  getRole,
  listRoles,
  deleteRole,
  updateRole,
  createLoginProfile,
  getLoginProfile,
  updateLoginProfile,
  deleteLoginProfile,
  changePassword,
  getPasswordPolicy,
  setPasswordPolicy,
  getAccountAlias,
  setAccountAlias,
  clearAccountAlias,
  createPolicy,
  getPolicy,
  getPolicyVersion,
  listPolicies,
  createPolicyVersion,
  deletePolicy,
  attachPolicyToUser,
  detachPolicyFromUser,
  attachPolicyToRole,
  detachPolicyFromRole,
  listPoliciesForUser,
  listPoliciesForRole,
  createGroup,
  addUserToGroup,
  attachPolicyToGroup,
  getGroup,
  updateGroup,
  deleteGroup,
  listGroups,
  removeUserFromGroup,
  listGroupsForUser,
  listUsersForGroup,
  detachPolicyFromGroup,
  listPoliciesForGroup,
  listPolicyVersions,
  deletePolicyVersion,
  setDefaultPolicyVersion,
  updatePolicyDescription,
  listEntitiesForPolicy,
  createVirtualMFADevice,
  deleteVirtualMFADevice,
  listVirtualMFADevices,
  bindMFADevice,
  unbindMFADevice,
  getUserMFAInfo,
  getSecurityPreference,
  setSecurityPreference,
  getAccessKeyLastUsed,
  decodeDiagnosticMessage,
  tagResources,
  untagResources,
  listTagResources,
];
