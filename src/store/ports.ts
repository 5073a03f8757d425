/**
 * The store's contract with the rest of resdir: intent-named, asynchronous primitives.
 * Nothing above store/ writes SQL or assumes a dialect. Every primitive that guards a limit or a
 * state change is one atomic statement; its doc comment states the guarantee.
 */
import type {
  AccessKeysTable,
  AccountsTable,
  AuditEventsTable,
  FoldersTable,
  MembersTable,
  RamUsersTable,
  ResourceDirectoriesTable,
  SmsInboxTable,
  SmsOutboxTable,
  SmsAttemptsTable,
  SmsReceiptsTable,
  VerificationCodesTable,
} from './schema.js';
import type { Result } from '../lib/result.js';
import type { RamRepo } from './ram-ports.js';
import type { VerificationStore } from './hot-ports.js';
import type { LifecycleRepo } from './lifecycle-ports.js';
import type { AccountRecordRepo } from './account-record-ports.js';

export type Account = AccountsTable;
export type Directory = ResourceDirectoriesTable;
export type Folder = FoldersTable;
export type Member = MembersTable & { account: Account };
export type RamUser = RamUsersTable;
export type AccessKey = AccessKeysTable;
export type VerificationCode = VerificationCodesTable;
export type OutboxMessage = SmsOutboxTable;
export type InboxMessage = SmsInboxTable;
export type AuditEvent = AuditEventsTable;

export interface MemberLookup {
  accountExists: boolean;
  member: Member | undefined;
  /** Folder IDs from the root folder to the member's folder. */
  folderChain: string[];
}

export interface DirectoryRepo {
  /** Inserts the account; false when its ID or account name is taken (nothing written). */
  createAccount(a: Account): Promise<boolean>;
  getAccount(id: string): Promise<Account | undefined>;
  createDirectory(d: Directory): Promise<void>;
  directoryOfManager(managementAccountId: string): Promise<Directory | undefined>;
  getDirectory(id: string): Promise<Directory | undefined>;
  createFolder(f: Folder): Promise<void>;
  getFolder(id: string): Promise<Folder | undefined>;
  /**
   * Inserts the membership; false when the account is a member already or the display name is used in that directory.
   */
  addMember(m: MembersTable): Promise<boolean>;
  getMember(accountId: string): Promise<Member | undefined>;
  /**
   * One read: whether the account exists, its membership (with the account) if any, and the
   * member's folder chain from the root folder down (empty when not a member).
   */
  lookupMember(accountId: string): Promise<MemberLookup>;
  listMembers(directoryId: string, offset: number, limit: number): Promise<{ total: number; members: Member[] }>;
  /** Binds the phone only if none is bound yet; false when one already was (one winner under races). */
  bindSecurePhone(accountId: string, phone: string, now: number): Promise<boolean>;
}

export interface IdentityRepo {
  createUser(u: RamUser): Promise<void>;
  getUser(accountId: string, name: string): Promise<RamUser | undefined>;
  createAccessKey(k: AccessKey): Promise<void>;
  getAccessKey(id: string): Promise<AccessKey | undefined>;
  /** The account's identity epoch (0 when nothing was ever changed): see migration 0009. */
  epochOf(accountId: string): Promise<number>;
}

export interface CodeAttempt {
  id: string;
  phone: string;
  codeMac: string;
  attempts: number;
  maxAttempts: number;
  /** When the code was issued (epoch ms); the breaker credits a bind to that hour. */
  createdAt?: number;
}

export interface CodeRepo {
  /** Marks every live code of (purpose, account) superseded: a new Send invalidates older codes. */
  supersede(purpose: string, accountId: string, now: number): Promise<void>;
  insert(c: VerificationCode): Promise<void>;
  /**
   * Atomically counts one attempt on the current code of (purpose, account) — the newest one not
   * consumed and not superseded — and returns it, provided it has not expired and has attempts
   * left; otherwise undefined (an older code never stands in for a burned or expired newer one).
   * Concurrent callers can never count more than max_attempts in total.
   */
  takeAttempt(purpose: string, accountId: string, now: number): Promise<CodeAttempt | undefined>;
  /** Consumes the code once: true for exactly one caller, false if it was consumed already. */
  consume(id: string, now: number): Promise<boolean>;
}

export interface LimitRepo {
  /**
   * Adds one to the counter of (scope, subject, window) only while it is below `limit`.
   * Returns the new count, or undefined when the limit was already reached (nothing changed).
   */
  increment(scope: string, subject: string, windowStart: number, limit: number): Promise<number | undefined>;
}

/** What a claim hands its claimer: the message and the token that fences its state changes. */
export interface OutboxLease {
  id: string;
  token: string;
}
export type ClaimedMessage = OutboxMessage & { leaseToken: string };

/** The outcome of one leased message, recorded with its provider attempts. */
export interface Settlement {
  lease: OutboxLease;
  outcome:
    | { kind: 'sent'; at: number; provider: string; providerMessageId: string }
    | { kind: 'retry'; at: number; nextAttemptAt: number; error: string }
    | { kind: 'failed' | 'expired'; at: number; error: string | null };
  attempts: SmsAttemptsTable[];
}

export interface OutboxRepo {
  enqueue(m: OutboxMessage): Promise<void>;
  /**
   * Leases up to `max` due messages (queued and due, or sending with an expired lease) until
   * `leaseUntil`, counting an attempt on each. A message is leased by one claimer at a time; each
   * claim writes a fresh lease token, returned with every message it leased.
   */
  claim(now: number, leaseUntil: number, max: number): Promise<ClaimedMessage[]>;
  /**
   * Each state change applies only while `lease` still holds the message (no later claim took
   * it); true when applied, false when the lease was lost (nothing changed). Final states clear
   * the encrypted payload.
   */
  markSent(lease: OutboxLease, now: number, provider: string, providerMessageId: string): Promise<boolean>;
  markRetry(lease: OutboxLease, now: number, nextAttemptAt: number, error: string): Promise<boolean>;
  markFinal(lease: OutboxLease, now: number, status: 'failed' | 'expired', error: string | null): Promise<boolean>;
  /**
   * Records a batch in ONE transaction: each outcome (fenced by its lease, as the marks are) and
   * every attempt (recorded even when the lease was lost: the provider call happened). Returns,
   * per settlement, whether its state change applied.
   */
  settle(settlements: Settlement[]): Promise<boolean[]>;
  get(id: string): Promise<OutboxMessage | undefined>;
  /** The next time a queued message becomes due, if any (for the worker's sleep). */
  nextDueAt(): Promise<number | undefined>;
}

export interface InboxRepo {
  add(m: InboxMessage): Promise<void>;
  /** Several messages in one statement: all of them or none. */
  addMany(ms: readonly InboxMessage[]): Promise<void>;
  /** Newest first; `to` is E.164 or omitted for all. */
  list(to: string | undefined, limit: number): Promise<Array<InboxMessage & { status: string }>>;
  clear(): Promise<void>;
}

export type SmsAttempt = SmsAttemptsTable;
export type SmsReceipt = SmsReceiptsTable;
/** An outbox message as shown to operators: never the sealed payload. */
export type OutboxView = Omit<OutboxMessage, 'payload_enc'> & { delivered_at: number | null };

/** The delivery records around the outbox: attempts, receipts, listings. */
export interface DeliveryRepo {
  recordAttempt(a: SmsAttempt): Promise<void>;
  /** In order: by outbox attempt, then position in the provider chain. */
  attemptsOf(messageId: string): Promise<SmsAttempt[]>;
  /**
   * Stores a receipt once per (provider, providerMessageId, state); false for a duplicate.
   * Call applyReceipts afterwards to move the message.
   */
  recordReceipt(r: SmsReceipt): Promise<boolean>;
  /**
   * Moves the message sent by `provider` as `providerMessageId` from `sent` to `delivered` or
   * `undelivered` when a final receipt for it is stored (a receipt may arrive before the send is
   * recorded; the worker calls this again after markSent). Returns the message moved, if any.
   */
  applyReceipts(
    provider: string,
    providerMessageId: string,
    now: number,
  ): Promise<{ id: string; createdAt: number; status: string } | undefined>;
  /** Newest first, optionally filtered by status and by number (E.164). */
  list(opts: { status?: string; to?: string; limit: number }): Promise<OutboxView[]>;
  /** Messages `provider` sent in [sentAfter, sentBefore] that await a final receipt, oldest first. */
  awaitingReceipt(
    provider: string,
    sentAfter: number,
    sentBefore: number,
    limit: number,
  ): Promise<Array<{ id: string; to_phone: string; provider_message_id: string; sent_at: number }>>;
  /** Number of outbox messages per status. */
  statusCounts(): Promise<Record<string, number>>;
}

export interface AuditRepo {
  append(e: AuditEvent): Promise<void>;
  /** Newest first; for the CLI and tests. */
  recent(limit: number): Promise<AuditEvent[]>;
}

export interface NonceRepo {
  /** Records a nonce for an AccessKey; false when it was already recorded (a replay). */
  claim(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean>;
  purgeExpired(now: number): Promise<number>;
}

export interface MetaRepo {
  get(key: string): Promise<string | undefined>;
  /** Sets the value only if the key is absent; returns whether it was set. */
  setIfAbsent(key: string, value: string): Promise<boolean>;
}

export type { DefenceRepo, AuditLogRepo, AuditLookup, IdempotencyRecord } from './defence-ports.js';
import type { DefenceRepo, AuditLogRepo } from './defence-ports.js';
import type { ConsoleReadRepo } from './console-ports.js';
import type { FolderRepo } from './folder-ports.js';
import type { ControlPolicyRepo } from './control-policy-ports.js';
import type { RamExtrasRepo } from './ram-extras-ports.js';
export type { FolderRepo, FolderRow, MemberFilter } from './folder-ports.js';
import type { DelegationRepo, TagRepo } from './tag-ports.js';
import type { MemberBillingRepo } from './member-billing-ports.js';
import type { MailInboxRepo, MessageContactRepo } from './message-contact-ports.js';

export interface Repos {
  directory: DirectoryRepo;
  identity: IdentityRepo;
  codes: CodeRepo;
  limits: LimitRepo;
  outbox: OutboxRepo;
  inbox: InboxRepo;
  delivery: DeliveryRepo;
  audit: AuditRepo;
  nonces: NonceRepo;
  meta: MetaRepo;
  ram: RamRepo;
  /** Verification defence primitives: backoff, failure budget, breaker, idempotency. */
  defence: DefenceRepo;
  /** Audit queries and retention; audit_events stays append-only for every operation. */
  auditLog: AuditLogRepo;
  /** Read-only listings for the web console. */
  console: ConsoleReadRepo;
  /** The folder tree and the placement of members in it. */
  folders: FolderRepo;
  /** Directory lifecycle, member deletion and invitations. */
  lifecycle: LifecycleRepo;
  /** Control policies, their attachments and the directory's control policy switch. */
  controlPolicies: ControlPolicyRepo;
  /** E-mail confirmation records: e-mail changes, cloud account creation and promotion. */
  accountRecords: AccountRecordRepo;
  /** RAM virtual MFA devices, security preferences, AccessKey last use, RAM tags. */
  ramExtras: RamExtrasRepo;
  /** Tags on members and folders. */
  tags: TagRepo;
  /** Delegated administrators of trusted services. */
  delegation: DelegationRepo;
  /** Payers of members and the display-name synchronization switch. */
  memberBilling: MemberBillingRepo;
  /** Message contacts of a directory (2022-04-19). */
  messageContacts: MessageContactRepo;
  /** The development mail inbox (GET /_resdir/mail). */
  mailInbox: MailInboxRepo;
}

export interface Store extends Repos {
  readonly dialect: 'sqlite' | 'postgres';
  /** The hot path: intent-level, atomic writes of Send (and Bind). Not available inside atomically. */
  verification: VerificationStore;
  /** identity.epochOf, on the fastest path the store has (a prepared statement on SQLite). */
  identityEpoch(accountId: string): Promise<number>;
  /**
   * Runs `fn` in one transaction. A thrown error or a returned failure rolls everything back;
   * a returned success commits.
   */
  atomically<T, E>(fn: (tx: Repos) => Promise<Result<T, E>>): Promise<Result<T, E>>;
  /** Cheap liveness probe for /_resdir/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
