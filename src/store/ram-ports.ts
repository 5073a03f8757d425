/**
 * The store's RAM/STS primitives (users beyond create/get, keys, roles, custom policies and their
 * versions, groups, attachments, STS sessions). "→ boolean" inserts and deletes report whether
 * they changed a row: false means the entity already existed (insert) or did not (delete/update),
 * and nothing was written. Multi-statement changes are meant to run inside Store.atomically.
 */
import type { AccessKeysTable, PolicyAttachmentsTable, RamUsersTable } from './schema.js';
import type {
  RamGroupsTable,
  RamLoginProfilesTable,
  RamPoliciesTable,
  RamPolicyVersionsTable,
  RamRolesTable,
  StsSessionsTable,
} from './ram-schema.js';

export type RamRole = RamRolesTable;
export type RamPolicy = RamPoliciesTable;
export type RamPolicyVersion = RamPolicyVersionsTable;
export type RamGroup = RamGroupsTable;
export type RamLoginProfile = RamLoginProfilesTable;
export type StsSession = StsSessionsTable;
export type PolicyAttachment = PolicyAttachmentsTable;
export type PrincipalType = 'User' | 'Role' | 'Group';

export interface UserPatch {
  name?: string;
  display_name?: string;
  comments?: string;
  email?: string;
  mobile_phone?: string;
}

export interface RamRepo {
  /**
   * Takes the write lock on a user (or, for userName null, the account's root identity) until the
   * transaction ends, so that a following check-then-write on its keys, policies or groups cannot
   * interleave with another one (row lock on PostgreSQL, the writer lock on SQLite). Run it first
   * inside Store.atomically. False when there is no such user/account (nothing locked).
   */
  lockIdentity(accountId: string, userName: string | null): Promise<boolean>;
  /** Inserts the user; false when the name is taken in the account. */
  insertUser(u: RamUsersTable): Promise<boolean>;
  listUsers(accountId: string): Promise<RamUsersTable[]>;
  /**
   * Updates the profile; a rename also moves its keys, attachments and group memberships. False when the new name is
   * taken.
   */
  updateUser(accountId: string, name: string, patch: UserPatch, now: number): Promise<boolean>;
  deleteUser(accountId: string, name: string): Promise<boolean>;

  listAccessKeys(accountId: string, userName: string | null): Promise<AccessKeysTable[]>;
  setAccessKeyStatus(id: string, status: 'Active' | 'Inactive'): Promise<boolean>;
  deleteAccessKey(id: string): Promise<boolean>;

  insertRole(r: RamRole): Promise<boolean>;
  /** Case-insensitive by name. */
  getRole(accountId: string, name: string): Promise<RamRole | undefined>;
  listRoles(accountId: string): Promise<RamRole[]>;
  deleteRole(accountId: string, name: string): Promise<boolean>;
  /** Changes the trust policy, description or maximum session duration; false when the role does not exist. */
  updateRole(
    accountId: string,
    name: string,
    patch: Partial<Pick<RamRole, 'trust_policy' | 'description' | 'max_session_duration'>>,
    now: number,
  ): Promise<boolean>;

  insertPolicy(p: RamPolicy, v: RamPolicyVersion): Promise<boolean>;
  getPolicy(accountId: string, name: string): Promise<RamPolicy | undefined>;
  listPolicies(accountId: string): Promise<RamPolicy[]>;
  getPolicyVersion(accountId: string, name: string, versionId: string): Promise<RamPolicyVersion | undefined>;
  listPolicyVersions(accountId: string, name: string): Promise<RamPolicyVersion[]>;
  /** Atomically takes the policy's next version number (1, 2, …); undefined when the policy is gone. */
  claimNextVersion(accountId: string, name: string, now: number): Promise<number | undefined>;
  insertPolicyVersion(v: RamPolicyVersion): Promise<void>;
  deletePolicyVersion(accountId: string, name: string, versionId: string): Promise<boolean>;
  setDefaultVersion(accountId: string, name: string, versionId: string, now: number): Promise<void>;
  /** False when the custom policy does not exist. */
  updatePolicyDescription(accountId: string, name: string, description: string, now: number): Promise<boolean>;
  /** Deletes the policy and all its versions. */
  deletePolicy(accountId: string, name: string): Promise<boolean>;

  /** Attaches once; false when that exact attachment exists. */
  attach(a: PolicyAttachment): Promise<boolean>;
  detach(a: Omit<PolicyAttachment, 'attached_at'>): Promise<boolean>;
  attachmentsOf(accountId: string, type: PrincipalType, name: string): Promise<PolicyAttachment[]>;
  attachmentsOfPolicy(
    accountId: string,
    policyType: 'System' | 'Custom',
    policyName: string,
  ): Promise<PolicyAttachment[]>;
  detachAllOfPolicy(accountId: string, policyType: 'System' | 'Custom', policyName: string): Promise<void>;

  insertGroup(g: RamGroup): Promise<boolean>;
  getGroup(accountId: string, name: string): Promise<RamGroup | undefined>;
  addUserToGroup(accountId: string, groupName: string, userName: string, now: number): Promise<boolean>;
  groupsOfUser(accountId: string, userName: string): Promise<string[]>;
  listGroups(accountId: string): Promise<RamGroup[]>;
  /**
   * Renames and/or re-comments a group; a rename also moves its memberships and policy attachments.
   * 'taken' when the new name exists, 'missing' when the group does not.
   */
  updateGroup(
    accountId: string,
    name: string,
    patch: { name?: string; comments?: string },
    now: number,
  ): Promise<'ok' | 'taken' | 'missing'>;
  /** Deletes an empty group with no policies; 'has-users' / 'has-policies' refuse, 'missing' when absent. */
  deleteGroup(accountId: string, name: string): Promise<'ok' | 'missing' | 'has-users' | 'has-policies'>;
  removeUserFromGroup(accountId: string, groupName: string, userName: string): Promise<boolean>;
  /** The groups a user is in, with when it joined each, by group name. */
  membershipsOfUser(accountId: string, userName: string): Promise<Array<{ group: RamGroup; joinedAt: number }>>;
  /** The users of a group, with when each joined, by user name. */
  membersOfGroup(
    accountId: string,
    groupName: string,
  ): Promise<Array<{ userName: string; displayName: string; joinedAt: number }>>;

  /** The login profile of a user (by user ID). */
  getLoginProfile(userId: string): Promise<RamLoginProfile | undefined>;
  /** Creates one; false when the user already has a login profile. */
  insertLoginProfile(p: RamLoginProfile): Promise<boolean>;
  updateLoginProfile(
    userId: string,
    patch: Partial<Pick<RamLoginProfile, 'password_hash' | 'password_reset_required' | 'mfa_bind_required'>>,
    now: number,
  ): Promise<boolean>;
  deleteLoginProfile(userId: string): Promise<boolean>;
  /** Sets (or clears, with null) the account alias; false when another account has that alias. */
  setAccountAlias(accountId: string, alias: string | null, now: number): Promise<boolean>;
  getAccountSettings(accountId: string): Promise<{ alias: string | null; passwordPolicy: string | null }>;
  setPasswordPolicy(accountId: string, policyJson: string, now: number): Promise<void>;

  insertSession(s: StsSession): Promise<void>;
  getSession(accessKeyId: string): Promise<StsSession | undefined>;
  purgeExpiredSessions(now: number): Promise<number>;
}
