/**
 * Row types of every table, as Kysely sees them. Times are epoch milliseconds (BIGINT), IDs are text.
 * The SQL that creates these tables lives in the frozen migrations next door.
 */
export interface AccountsTable {
  id: string; // 16 digits
  account_name: string;
  display_name: string;
  secure_mobile_phone: string | null; // E.164, e.g. +12025550123
  secure_mobile_bound_at: number | null;
  created_at: number;
}

export interface ResourceDirectoriesTable {
  id: string; // rd-xxxxxx
  management_account_id: string;
  root_folder_id: string;
  created_at: number;
}

export interface FoldersTable {
  id: string; // r-xxxxxx (root) or fd-xxxxxxxxxx
  directory_id: string;
  parent_id: string | null;
  name: string;
  created_at: number;
}

export interface MembersTable {
  account_id: string;
  directory_id: string;
  folder_id: string;
  type: 'ResourceAccount' | 'CloudAccount';
  join_method: 'created' | 'invited';
  status: string;
  display_name: string;
  join_time: number;
  modify_time: number;
}

export interface RamUsersTable {
  id: string;
  account_id: string;
  name: string;
  display_name: string;
  created_at: number;
}

export interface AccessKeysTable {
  id: string; // LTAI…
  account_id: string;
  user_name: string | null; // null: the account's root identity
  secret_enc: string; // AES-256-GCM under the master key
  status: 'Active' | 'Inactive';
  created_at: number;
}

export interface PolicyAttachmentsTable {
  account_id: string;
  principal_type: 'User' | 'Role' | 'Group';
  principal_name: string;
  policy_type: 'System' | 'Custom';
  policy_name: string;
  attached_at: number;
}

export interface VerificationCodesTable {
  id: string;
  purpose: string;
  account_id: string; // the member the phone is for
  phone: string; // E.164
  code_mac: string; // hex HMAC over (purpose, account, phone, code)
  created_at: number;
  expires_at: number;
  attempts: number;
  max_attempts: number;
  consumed_at: number | null;
  superseded_at: number | null;
}

export interface SendCountersTable {
  scope: string;
  subject: string;
  window_start: number;
  count: number;
}

export interface SendCooldownsTable {
  subject: string;
  next_allowed_at: number;
}

export interface SmsOutboxTable {
  id: string;
  to_phone: string; // E.164
  purpose: string;
  account_id: string;
  payload_enc: string | null; // encrypted template parameters (carry the code); cleared once final
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'expired';
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  expires_at: number;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
  provider: string | null;
  provider_message_id: string | null;
  last_error: string | null;
}

/** The development inbox: the one place a verification code may be read back. */
export interface SmsInboxTable {
  id: string;
  message_id: string;
  to_phone: string;
  text: string;
  code: string;
  purpose: string;
  account_id: string;
  created_at: number;
}

/** One provider call for an outbox message (issue 3). Never carries the code or the text. */
export interface SmsAttemptsTable {
  id: string;
  message_id: string;
  attempt: number; // the outbox attempt number this call belonged to
  provider: string;
  started_at: number;
  finished_at: number;
  outcome: 'sent' | 'retry' | 'failed'; // retry: a retryable failure (the next provider of the chain is tried)
  provider_message_id: string | null;
  error: string | null;
}

/** A delivery receipt, once per (provider, provider_message_id, state). */
export interface SmsReceiptsTable {
  provider: string;
  provider_message_id: string;
  state: 'delivered' | 'undelivered' | 'enroute' | 'accepted';
  detail: string | null; // e.g. the SMPP stat/err or Alibaba's ErrCode; never the text
  received_at: number;
}

export interface AuditEventsTable {
  id: string; // time-ordered
  time: number;
  request_id: string;
  action: string;
  version: string;
  principal_arn: string;
  caller_account_id: string;
  access_key_id: string;
  source_ip: string;
  target_account_id: string | null;
  phone_masked: string | null;
  result_code: string;
  outbox_message_id: string | null;
}

export interface RequestNoncesTable {
  access_key_id: string;
  nonce: string;
  expires_at: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  accounts: AccountsTable;
  resource_directories: ResourceDirectoriesTable;
  folders: FoldersTable;
  members: MembersTable;
  ram_users: RamUsersTable;
  access_keys: AccessKeysTable;
  policy_attachments: PolicyAttachmentsTable;
  verification_codes: VerificationCodesTable;
  send_counters: SendCountersTable;
  send_cooldowns: SendCooldownsTable;
  sms_outbox: SmsOutboxTable;
  sms_inbox: SmsInboxTable;
  sms_attempts: SmsAttemptsTable;
  sms_receipts: SmsReceiptsTable;
  audit_events: AuditEventsTable;
  request_nonces: RequestNoncesTable;
  meta: MetaTable;
}
