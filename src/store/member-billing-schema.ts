/** Row types of the member administration tables (migration 2026_12_02_0017). Times are epoch ms. */

export interface DisplayNameSyncTable {
  directory_id: string;
  status: 'Enabled' | 'Disabled';
  updated_at: number;
}

export interface MemberPayersTable {
  account_id: string;
  directory_id: string;
  payer_account_id: string;
  updated_at: number;
}

export interface MemberBillingDatabase {
  rd_display_name_sync: DisplayNameSyncTable;
  rd_member_payers: MemberPayersTable;
}
