/** Row type of the e-mail confirmation records (migration 2026_12_02_0012). Times are epoch ms. */

/** What a confirmation mail, once confirmed, carries out. */
export type AccountRecordKind = 'ChangeEmail' | 'CreateCloudAccount' | 'PromoteResourceAccount';

/**
 * Pending: the mail is out and unconfirmed; Done: it was confirmed and carried out; Cancelled;
 * Expired: the mail was not confirmed in time, or its address was taken by then.
 */
export type AccountRecordStatus = 'Pending' | 'Done' | 'Cancelled' | 'Expired';

export interface AccountRecordsTable {
  record_id: string; // lower-case UUID, as the API's RecordId
  kind: AccountRecordKind;
  account_id: string;
  directory_id: string;
  /** The address the confirmation mail went to (lower case). */
  email: string;
  status: AccountRecordStatus;
  /** When the (latest) confirmation mail went out. */
  sent_at: number;
  /** When the recipient confirms (resdir confirms by itself); null when it will not before expires_at. */
  confirm_at: number | null;
  expires_at: number;
  created_at: number;
  modified_at: number;
}

export interface AccountRecordDatabase {
  account_records: AccountRecordsTable;
}
