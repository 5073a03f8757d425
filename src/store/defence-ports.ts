/**
 * Store ports of the verification defence. Every primitive that guards a limit is one
 * atomic statement (a guarded upsert or update); its comment states the guarantee. Correct on any
 * number of replicas sharing the database.
 */
import type { AuditEventsTable } from './schema.js';

export interface IdempotencyRecord {
  scope: string;
  token: string;
  fingerprint: string;
  /** The public answer to replay (JSON). Never holds a code. */
  response: string;
  created_at: number;
  expires_at: number;
}

export interface DefenceRepo {
  /**
   * Claims a send slot on a cooldown that doubles with each send: the first claim opens a gap of
   * `baseMs`, each later one doubles the previous gap up to `maxMs`; after `resetMs` without a
   * send the gap starts again at `baseMs`. Returns `{ waitMs: 0, gapMs }` when claimed (gapMs is
   * the gap now opened), else the milliseconds until the slot frees and the gap in force.
   */
  claimBackoff(
    subject: string,
    now: number,
    baseMs: number,
    maxMs: number,
    resetMs: number,
  ): Promise<{ waitMs: number; gapMs: number }>;
  /**
   * Counts one attempt on the failure budget of a (member, phone) pair, before the code is
   * compared. Succeeds (true) only while the pair is not locked and has used fewer than `max`
   * attempts in its window; the attempt that reaches `max` locks the pair for `lockMs`. A window
   * older than `windowMs`, or an expired lock, starts afresh. Concurrent callers never count
   * more than `max`.
   */
  takePairAttempt(subject: string, now: number, max: number, windowMs: number, lockMs: number): Promise<boolean>;
  /** The end of the pair's lock if it is locked at `now`. */
  pairLockedUntil(subject: string, now: number): Promise<number | undefined>;
  /** Clears the pair's budget (a correct Bind). */
  clearPair(subject: string): Promise<void>;
  /** The value of a send counter (0 when absent). */
  counter(scope: string, subject: string, windowStart: number): Promise<number>;
  /** The latest end of an active block among the given breaker keys, if any. */
  blockedUntil(keys: ReadonlyArray<{ scope: string; subject: string }>, now: number): Promise<number | undefined>;
  /** Blocks a breaker key until `until`; true for exactly one caller when it was not blocked at `now`. */
  trip(scope: string, subject: string, now: number, until: number): Promise<boolean>;
  /** The live record of a ClientToken (not expired at `now`). */
  findIdempotent(scope: string, token: string, now: number): Promise<IdempotencyRecord | undefined>;
  /** Stores a record unless a live one exists for (scope, token); true when stored. */
  saveIdempotent(r: IdempotencyRecord, now: number): Promise<boolean>;
  /** Removes expired idempotency records; returns how many. */
  purgeIdempotent(now: number): Promise<number>;
}

/** Filters of an audit lookup; every given field must match. Newest first unless `oldestFirst`. */
export interface AuditLookup {
  /** The account whose calls are listed; undefined (the operator's CLI only) lists every account. */
  callerAccountId: string | undefined;
  startTime: number;
  endTime: number;
  action?: string;
  principalArn?: string;
  accessKeyId?: string;
  targetAccountId?: string;
  resultCode?: string;
  sourceIp?: string;
  eventId?: string;
  /** Only events with an id below this one (paging, newest first). */
  beforeId?: string;
  /** Only events with an id above this one (paging, oldest first). */
  afterId?: string;
  /** Oldest first (ActionTrail's Direction=FORWARD). */
  oldestFirst?: boolean;
  limit: number;
}

export interface AuditLogRepo {
  lookup(q: AuditLookup): Promise<AuditEventsTable[]>;
  /**
   * Retention, not an operation: deletes events older than `cutoff`. The one delete of audit
   * records, run by the retention sweep only; no API or CLI command edits or deletes them.
   */
  purgeBefore(cutoff: number): Promise<number>;
}
