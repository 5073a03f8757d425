/** Row builders for the store conformance suite: valid rows with overridable fields. */
import type {
  Account,
  AuditEvent,
  InboxMessage,
  OutboxLease,
  OutboxMessage,
  Repos,
  Store,
  VerificationCode,
} from '../../src/store/ports.js';
import type { MembersTable } from '../../src/store/schema.js';

/** A fixed "now" for the suite (2027-01-15T08:00:00Z); every time is relative to it. */
export const T0 = 1_800_000_000_000;
export const PURPOSE = 'bind-secure-mobile-phone';

let seq = 0;
const next = (): number => ++seq;

/** 16 digits, unique within the test process. */
export const accountId = (): string => `2${String(next()).padStart(15, '0')}`;

export function account(over: Partial<Account> = {}): Account {
  const id = over.id ?? accountId();
  return {
    id,
    account_name: `acct-${id}@rd-test.aliyunid.com`,
    display_name: `member ${id}`,
    secure_mobile_phone: null,
    secure_mobile_bound_at: null,
    created_at: T0,
    ...over,
  };
}

export function member(
  over: Partial<MembersTable> & Pick<MembersTable, 'account_id' | 'directory_id' | 'folder_id'>,
): MembersTable {
  return {
    type: 'ResourceAccount',
    join_method: 'created',
    status: 'CreateSuccess',
    display_name: `member ${over.account_id}`,
    join_time: T0,
    modify_time: T0,
    ...over,
  };
}

export function code(over: Partial<VerificationCode> & Pick<VerificationCode, 'account_id'>): VerificationCode {
  return {
    id: `code-${next()}`,
    purpose: PURPOSE,
    phone: '+12025550101',
    code_mac: `mac-${next()}`,
    created_at: T0,
    expires_at: T0 + 600_000,
    attempts: 0,
    max_attempts: 5,
    consumed_at: null,
    superseded_at: null,
    ...over,
  };
}

export function outboxMessage(over: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id: `msg-${String(next()).padStart(8, '0')}`,
    to_phone: '+12025550101',
    purpose: PURPOSE,
    account_id: '2000000000000000',
    payload_enc: 'sealed-payload',
    status: 'queued',
    attempts: 0,
    next_attempt_at: T0,
    lease_until: null,
    expires_at: T0 + 600_000,
    created_at: T0,
    updated_at: T0,
    sent_at: null,
    provider: null,
    provider_message_id: null,
    last_error: null,
    ...over,
  };
}

export function inboxMessage(over: Partial<InboxMessage> & Pick<InboxMessage, 'message_id'>): InboxMessage {
  return {
    id: `inbox-${String(next()).padStart(8, '0')}`,
    to_phone: '+12025550101',
    text: 'Your code is 123456. It expires in 10 minutes.',
    code: '123456',
    purpose: PURPOSE,
    account_id: '2000000000000000',
    created_at: T0,
    ...over,
  };
}

export function auditEvent(over: Partial<AuditEvent> & Pick<AuditEvent, 'time'>): AuditEvent {
  return {
    id: `${over.time.toString(16).padStart(12, '0')}${String(next()).padStart(16, '0')}`,
    request_id: `REQ-${next()}`,
    action: 'BindSecureMobilePhone',
    version: '2022-04-19',
    principal_arn: 'acs:ram::1000000000000001:user/rd-admin',
    caller_account_id: '1000000000000001',
    access_key_id: 'LTAI5ttest',
    source_ip: '127.0.0.1',
    target_account_id: null,
    phone_masked: '1-202****101',
    result_code: 'OK',
    outbox_message_id: null,
    detail: null,
    ...over,
  };
}

/** A management account with its directory and root folder. */
export async function seedDirectory(s: Repos, rd = `rd-${accountId().slice(-6)}`) {
  const manager = account();
  await s.directory.createAccount(manager);
  const root = `r-${rd.slice(3)}`;
  await s.directory.createDirectory({
    id: rd,
    management_account_id: manager.id,
    root_folder_id: root,
    created_at: T0,
  });
  await s.directory.createFolder({ id: root, directory_id: rd, parent_id: null, name: 'root', created_at: T0 });
  return { manager, rd, root };
}

/** Claims due messages and returns the lease of each by message id (the fence of its state changes). */
export async function claimLeases(
  s: Pick<Store, 'outbox'>,
  now: number,
  leaseUntil: number,
  max = 100,
): Promise<Map<string, OutboxLease>> {
  const claimed = await s.outbox.claim(now, leaseUntil, max);
  return new Map(claimed.map((m) => [m.id, { id: m.id, token: m.leaseToken }]));
}
