/**
 * The hot path's store seam: one intent-level method per business step, taking the whole write
 * set and committing it atomically. Domain types (camelCase) cross this seam; only the store knows
 * column names. Implemented with group-committed prepared statements on SQLite and as one
 * transaction on PostgreSQL.
 */
import type { AuditEvent, InboxMessage, SmsAttempt } from './ports.js';

/**
 * An SMS handed, inside the Send's own write, to a provider that writes into this very store (the
 * development inbox, which cannot fail): the outbox message is recorded as sent by `provider`, with
 * its inbox row (whose ID is the provider's message ID) and its one attempt. All of it commits or
 * rolls back with the Send; no outbox pass is needed.
 */
export interface InlineDelivery {
  provider: string;
  inbox: InboxMessage;
  attempt: SmsAttempt;
}

/** A Send's SMS: sealed and queued for the outbox worker, or already delivered by the write. */
export type SendMessage = { id: string; payloadEnc: string; delivered?: undefined } | DeliveredMessage;
export interface DeliveredMessage {
  id: string;
  payloadEnc?: undefined;
  delivered: InlineDelivery;
}

/** A guarded counter claim: one more in (scope, subject, window) only while below `limit`. */
export interface CounterClaim {
  scope: string;
  subject: string;
  windowStart: number;
  limit: number;
}

/**
 * Every send limit, claimed in this order (so concurrent claims lock rows in the same order): the
 * pair's failure lock, the breaker blocks, the growing cooldown, the counters, then the breaker's
 * statistics. The first refusal stops the claim and rolls back what the Send wrote.
 */
export interface SendLimitPlan {
  /** Subject of the (member, phone) failure lock and cooldown. */
  pair: string;
  /** Breaker keys checked for an active block and counted by `breaker` (empty: breaker off). */
  breakerKeys: ReadonlyArray<{ scope: string; subject: string }>;
  backoff?: { baseMs: number; maxMs: number; resetMs: number };
  counters: readonly CounterClaim[];
  /** Counts the send per breaker key; refuses when too few of the key's sends were bound. */
  breaker?: { windowStart: number; minSends: number; minBindPercent: number };
}

export type SendRefusal =
  | { kind: 'failure-lock'; until: number }
  | { kind: 'breaker-blocked'; until: number }
  | { kind: 'cooldown'; waitMs: number; gapMs: number }
  | { kind: 'counter'; index: number }
  | { kind: 'breaker'; keyIndex: number };

export interface NewCode {
  id: string;
  purpose: string;
  accountId: string;
  phone: string;
  codeMac: string;
  expiresAt: number;
  maxAttempts: number;
}

export interface SendCodeCommand {
  now: number;
  /**
   * The identity epoch the caller was authorized at: the Send writes nothing and answers
   * `stale-identity` when the account's epoch has moved since (see migration 0009).
   */
  identity?: IdentityStamp;
  /**
   * The member as the caller read it (possibly from memory): the Send writes nothing and answers
   * `stale-member` unless the member still has exactly this directory, folder, type and secure phone.
   */
  member?: MemberAsRead;
  /**
   * The request's signature nonce, claimed by this write once the identity and member checks pass
   * (and kept whatever the Send's outcome): `nonce-used` when it was claimed before.
   */
  nonce?: NonceClaim;
  /** A ClientToken: replays a live record with this fingerprint, refuses one with another. */
  idempotency?: { scope: string; token: string; fingerprint: string; response: string; expiresAt: number };
  limits?: SendLimitPlan;
  /** Supersedes every live code of (purpose, account), then stores this one. */
  code: NewCode;
  /**
   * The SMS; absent for a test number. Sealed and queued due now, expiring with the code; or, when
   * the provider writes into this store (the development inbox), delivered by this write.
   */
  message?: SendMessage;
  /** Recorded when the Send commits. */
  audit: AuditEvent;
  /** Recorded instead when a live ClientToken record with the same fingerprint answers. */
  replayAudit: AuditEvent;
}

export interface MemberAsRead {
  accountId: string;
  directoryId: string;
  folderId: string;
  type: string;
  securePhone: string | null;
}

export interface NonceClaim {
  accessKeyId: string;
  nonce: string;
  expiresAt: number;
}

/** An account and the identity epoch an in-process identity was loaded at. */
export interface IdentityStamp {
  accountId: string;
  epoch: number;
}

export type SendCodeOutcome =
  | { kind: 'sent' }
  /** The caller's identities changed since it was authorized; nothing was written. */
  | { kind: 'stale-identity' }
  /** The member changed since it was read; nothing was written. */
  | { kind: 'stale-member' }
  /** The request's nonce was claimed before; nothing was written. */
  | { kind: 'nonce-used' }
  | { kind: 'replayed'; response: string }
  | { kind: 'token-mismatch' }
  | { kind: 'refused'; refusal: SendRefusal }
  /** Another Send with the same ClientToken committed first; nothing was written. */
  | { kind: 'token-raced' };

export interface VerificationStore {
  /**
   * Commits the Send's write set (limit claims, supersede, code, outbox message, audit record,
   * ClientToken record) atomically, or nothing of it: a refusal, a token mismatch and a race
   * write nothing (a replay writes its audit record only). Resolves after the commit.
   */
  sendCode(cmd: SendCodeCommand): Promise<SendCodeOutcome>;
  /**
   * True when `SendCodeCommand.nonce` rides in the Send's own round trip (PostgreSQL), so the
   * pipeline may leave the claim to the write; elsewhere the nonce is claimed up front (and a
   * `nonce` given to sendCode costs a claim of its own).
   */
  readonly claimsNonceInWrite: boolean;
  /** One Bind step (BindPhoneCommand); resolves after its writes commit. */
  bindPhone(cmd: BindPhoneCommand): Promise<BindPhoneOutcome>;
}

/**
 * A Bind's whole step: count the attempt on the newest live code, spend one unit of the (member,
 * phone) failure budget, compare, and on a match consume the code, bind the phone, clear the
 * budget, credit the breaker and record the OK audit record. The attempt and the budget stay
 * counted whatever the outcome (a wrong guess costs); the binding writes commit only together.
 */
export interface BindPhoneCommand {
  /** As SendCodeCommand.identity and .member: checked first; a change writes nothing, not even the attempt. */
  identity?: IdentityStamp;
  member?: MemberAsRead;
  now: number;
  purpose: string;
  accountId: string;
  /** E.164. */
  phone: string;
  /** Subject of the (member, phone) failure budget. */
  pair: string;
  budget: { max: number; windowMs: number; lockMs: number };
  /**
   * The MAC of the presented code, under the key and with the inputs of the stored one: a match is
   * equality of the two (compared in constant time, or in the database: MACs are keyed, so how much
   * of a wrong guess's MAC matches tells nothing about the code).
   */
  presentedMac: string;
  /**
   * Breaker statistics credited on a bind (empty: none), in the window of `windowMs` that holds the
   * code's creation.
   */
  credit: { keys: ReadonlyArray<{ scope: string; subject: string }>; windowMs: number };
  audit: AuditEvent;
}

export type BindPhoneOutcome =
  /** The caller's identities or the member changed since they were read; nothing was written. */
  | { kind: 'stale-identity' }
  | { kind: 'stale-member' }
  | { kind: 'no-live-code' }
  | { kind: 'pair-locked'; until: number | undefined }
  | { kind: 'wrong-code'; attempts: number; maxAttempts: number }
  /** Another Bind consumed the code first. */
  | { kind: 'code-taken' }
  /** The member got a phone from another Bind first. */
  | { kind: 'already-bound' }
  | { kind: 'bound'; attempts: number };
