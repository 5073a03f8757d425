/** Row types of the directory lifecycle tables (migration 2026_12_02_0008). Times are epoch ms. */

export interface DirectoryOptionsTable {
  directory_id: string;
  member_deletion_status: 'Enabled' | 'Disabled';
  /** As last set: a Pending status reads as its end state once the configured delay has passed. */
  control_policy_status: 'Enabled' | 'PendingEnable' | 'Disabled' | 'PendingDisable';
  updated_at: number;
  /** When control_policy_status last moved to a Pending status; null when it never did. */
  control_policy_changed_at?: number | null;
}

/** One member deletion flow: the check, then (once it completed) the deletion itself. */
export interface AccountDeletionsTable {
  account_id: string;
  directory_id: string;
  check_started_at: number;
  deletion_started_at: number | null;
  /** Set once the member and its account were removed. */
  deleted_at: number | null;
  deletion_type: string | null;
}

export interface HandshakesTable {
  id: string; // h-…
  directory_id: string;
  management_account_id: string;
  target_entity: string; // as given: an account ID or a logon e-mail
  target_type: 'Account' | 'Email';
  target_account_id: string; // resolved when invited
  parent_folder_id: string | null;
  note: string;
  /** Pending, Accepted, Declined, Cancelled or Expired; a Pending row past expires_at reads as Expired. */
  status: string;
  created_at: number;
  modified_at: number;
  expires_at: number;
}

export interface LifecycleDatabase {
  directory_options: DirectoryOptionsTable;
  account_deletions: AccountDeletionsTable;
  handshakes: HandshakesTable;
}
