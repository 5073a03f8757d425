/**
 * Row types of every table, as Kysely sees them. Times are epoch milliseconds (BIGINT), IDs are text.
 * The SQL that creates these tables lives in the frozen migrations next door.
 */
import type { RamDatabase } from './ram-schema.js';
import type { LifecycleDatabase } from './lifecycle-schema.js';
import type { ControlPolicyDatabase } from './control-policy-schema.js';
import type { AccountRecordDatabase } from './account-record-schema.js';
import type { RamExtrasDatabase } from './ram-extras-schema.js';
import type { TagsDatabase } from './tag-schema.js';
import type { MemberBillingDatabase } from './member-billing-schema.js';
import type { MessageContactDatabase } from './message-contact-schema.js';

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
  // added by migration 0003 (null on rows written before it)
  comments?: string | null;
  email?: string | null;
  mobile_phone?: string | null;
  updated_at?: number | null;
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

/** Created by the frozen first migration; no longer used (the growing cooldown lives in send_backoff). */
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
  /** Written by each claim; state changes are conditional on it. Null while not leased. */
  lease_token?: string | null;
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

/** One provider call for an outbox message. Never carries the code or the text. */
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
  /** Precise reason of a refusal or system event (migration 0004); never a code. */
  detail?: string | null;
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

/** Growing resend cooldown per (member, phone) (migration 0004). */
export interface SendBackoffTable {
  subject: string;
  gap_ms: number;
  last_sent_at: number;
  next_allowed_at: number;
}

/** Failure budget per (member, phone) that survives resends (migration 0004). */
export interface VerificationFailuresTable {
  subject: string;
  window_start: number;
  failures: number;
  locked_until: number | null;
}

/** SMS-pumping breaker blocks (migration 0004). */
export interface BreakerTripsTable {
  scope: string;
  subject: string;
  tripped_at: number;
  blocked_until: number;
}

/** ClientToken answers kept for replay (migration 0004). */
export interface IdempotencyRecordsTable {
  scope: string;
  token: string;
  fingerprint: string;
  response: string;
  created_at: number;
  expires_at: number;
}

/** Changes to the identities of an account, bumped by triggers (migration 0009). */
export interface IdentityEpochsTable {
  account_id: string;
  epoch: number;
}

export interface Database
  extends RamDatabase,
    LifecycleDatabase,
    AccountRecordDatabase,
    RamExtrasDatabase,
    TagsDatabase,
    MemberBillingDatabase,
    MessageContactDatabase,
    ControlPolicyDatabase {
  identity_epochs: IdentityEpochsTable;
  accounts: AccountsTable;
  resource_directories: ResourceDirectoriesTable;
  folders: FoldersTable;
  members: MembersTable;
  ram_users: RamUsersTable;
  access_keys: AccessKeysTable;
  policy_attachments: PolicyAttachmentsTable;
  verification_codes: VerificationCodesTable;
  send_counters: SendCountersTable;
  sms_outbox: SmsOutboxTable;
  sms_inbox: SmsInboxTable;
  sms_attempts: SmsAttemptsTable;
  sms_receipts: SmsReceiptsTable;
  audit_events: AuditEventsTable;
  request_nonces: RequestNoncesTable;
  meta: MetaTable;
  send_backoff: SendBackoffTable;
  verification_failures: VerificationFailuresTable;
  breaker_trips: BreakerTripsTable;
  idempotency_records: IdempotencyRecordsTable;
}
