/** Row types of the RAM/STS tables of migration 2026_11_29_0003_identity. */
export interface RamRolesTable {
  id: string;
  account_id: string;
  name: string;
  name_lc: string; // role names are unique case-insensitively; ARNs use the lower-case form
  description: string;
  trust_policy: string; // AssumeRolePolicyDocument as given
  max_session_duration: number; // seconds
  created_at: number;
  updated_at: number;
}

export interface RamPoliciesTable {
  account_id: string;
  name: string;
  description: string;
  default_version: string; // v1, v2, …
  next_version: number;
  created_at: number;
  updated_at: number;
}

export interface RamPolicyVersionsTable {
  account_id: string;
  policy_name: string;
  version_id: string;
  document: string;
  created_at: number;
}

export interface RamGroupsTable {
  id: string;
  account_id: string;
  name: string;
  comments: string;
  created_at: number;
  /** Null only for rows written before the column existed (then created_at applies). */
  updated_at: number | null;
}

export interface RamGroupMembersTable {
  account_id: string;
  group_name: string;
  user_name: string;
  joined_at: number;
}

export interface StsSessionsTable {
  access_key_id: string; // STS.…
  account_id: string; // the role's account
  role_id: string;
  role_name: string;
  session_name: string;
  secret_enc: string; // AES-256-GCM under keyring.accessKeySecrets
  token_hash: string; // hex sha256 of the SecurityToken; the token itself is never stored
  session_policy: string | null;
  source_arn: string; // who assumed the role
  created_at: number;
  expires_at: number;
}

export interface RamDatabase {
  ram_roles: RamRolesTable;
  ram_policies: RamPoliciesTable;
  ram_policy_versions: RamPolicyVersionsTable;
  ram_groups: RamGroupsTable;
  ram_group_members: RamGroupMembersTable;
  sts_sessions: StsSessionsTable;
  ram_login_profiles: RamLoginProfilesTable;
  ram_account_settings: RamAccountSettingsTable;
}

export interface RamLoginProfilesTable {
  user_id: string;
  account_id: string;
  /** scrypt hash (see domain/ram/passwords.ts); the password itself is never stored. */
  password_hash: string;
  password_reset_required: number;
  mfa_bind_required: number;
  created_at: number;
  updated_at: number;
}

export interface RamAccountSettingsTable {
  account_id: string;
  alias: string | null;
  /** The password policy as JSON; null for the default policy. */
  password_policy: string | null;
  updated_at: number;
}
