/** Row types of migration 2026_12_02_0015_ram_extras (MFA devices, security preferences, key use, tags). */
export interface RamMfaDevicesTable {
  /** acs:ram::<uid>:mfa/<name> */
  serial_number: string;
  account_id: string;
  /** The Base32 TOTP seed, AES-256-GCM under keyring.accessKeySecrets. */
  seed_enc: string;
  /** The RAM user it is bound to; null while unbound. */
  user_id: string | null;
  /** The last TOTP time step accepted, so that a code is never accepted twice. */
  last_step: number | null;
  activated_at: number | null;
  created_at: number;
}

export interface RamSecurityPreferencesTable {
  account_id: string;
  preference: string;
  updated_at: number;
}

export interface RamAccessKeyUsageTable {
  access_key_id: string;
  last_used_at: number;
}

export interface RamTagsTable {
  account_id: string;
  resource_type: 'role' | 'policy';
  resource_id: string;
  tag_key: string;
  tag_value: string;
  created_at: number;
}

export interface RamExtrasDatabase {
  ram_mfa_devices: RamMfaDevicesTable;
  ram_security_preferences: RamSecurityPreferencesTable;
  ram_access_key_usage: RamAccessKeyUsageTable;
  ram_tags: RamTagsTable;
}
