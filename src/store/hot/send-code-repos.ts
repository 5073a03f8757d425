/**
 * sendCode over the store's repositories, in one transaction: the implementation on PostgreSQL
 * (each claim is a guarded upsert that locks its row until commit) and the reference the SQLite
 * fast path must match (the conformance suite runs both).
 */
import { err, ok, type Result } from '../../lib/result.js';
import type { MemberLookup, Repos, Store } from '../ports.js';
import type {
  MemberAsRead,
  SendCodeCommand,
  SendCodeOutcome,
  SendLimitPlan,
  SendMessage,
  SendRefusal,
} from '../hot-ports.js';

/** Counters without a limit of their own (breaker statistics) stop below this. */
export const UNBOUNDED = 2_000_000_000;

/** The start of the `windowMs` window that holds `t` (as the breaker counts). */
export const creditWindow = (t: number, windowMs: number): number => Math.floor(t / windowMs) * windowMs;

/** The outbox state a Send writes: queued with its sealed payload, or sent by an inline delivery. */
export function outboxState(message: SendMessage, now: number) {
  const d = message.delivered;
  return d
    ? {
        payloadEnc: null,
        status: 'sent' as const,
        attempts: 1,
        sentAt: now,
        provider: d.provider,
        providerMessageId: d.inbox.id,
      }
    : {
        payloadEnc: message.payloadEnc,
        status: 'queued' as const,
        attempts: 0,
        sentAt: null,
        provider: null,
        providerMessageId: null,
      };
}

export async function sendCodeViaRepos(store: Store, cmd: SendCodeCommand): Promise<SendCodeOutcome> {
  const r = await store.atomically<SendCodeOutcome, SendCodeOutcome>(async (tx) => writeSend(tx, cmd));
  return r.ok ? r.value : r.error;
}

async function writeSend(tx: Repos, cmd: SendCodeCommand): Promise<Result<SendCodeOutcome, SendCodeOutcome>> {
  const { now, idempotency: idem, code, message } = cmd;
  if (cmd.identity && (await tx.identity.epochOf(cmd.identity.accountId)) !== cmd.identity.epoch) {
    return err({ kind: 'stale-identity' });
  }
  if (cmd.member && !memberAsRead(await tx.directory.lookupMember(cmd.member.accountId), cmd.member)) {
    return err({ kind: 'stale-member' });
  }
  if (idem) {
    const prior = await tx.defence.findIdempotent(idem.scope, idem.token, now);
    if (prior && prior.fingerprint !== idem.fingerprint) return err({ kind: 'token-mismatch' });
    if (prior) {
      await tx.audit.append(cmd.replayAudit);
      return ok({ kind: 'replayed', response: prior.response });
    }
  }
  if (cmd.limits) {
    const refusal = await claimLimits(tx, cmd.limits, now);
    if (refusal) return err({ kind: 'refused', refusal });
  }
  await tx.codes.supersede(code.purpose, code.accountId, now);
  await tx.codes.insert({
    id: code.id,
    purpose: code.purpose,
    account_id: code.accountId,
    phone: code.phone,
    code_mac: code.codeMac,
    created_at: now,
    expires_at: code.expiresAt,
    attempts: 0,
    max_attempts: code.maxAttempts,
    consumed_at: null,
    superseded_at: null,
  });
  if (message) {
    const o = outboxState(message, now);
    await tx.outbox.enqueue({
      id: message.id,
      to_phone: code.phone,
      purpose: code.purpose,
      account_id: code.accountId,
      payload_enc: o.payloadEnc,
      status: o.status,
      attempts: o.attempts,
      next_attempt_at: now,
      lease_until: null,
      expires_at: code.expiresAt,
      created_at: now,
      updated_at: now,
      sent_at: o.sentAt,
      provider: o.provider,
      provider_message_id: o.providerMessageId,
      last_error: null,
    });
    if (message.delivered) {
      await tx.inbox.add(message.delivered.inbox);
      await tx.delivery.recordAttempt(message.delivered.attempt);
    }
  }
  await tx.audit.append(cmd.audit);
  if (idem) {
    const record = {
      scope: idem.scope,
      token: idem.token,
      fingerprint: idem.fingerprint,
      response: idem.response,
      created_at: now,
      expires_at: idem.expiresAt,
    };
    if (!(await tx.defence.saveIdempotent(record, now))) return err({ kind: 'token-raced' });
  }
  return ok({ kind: 'sent' });
}

async function claimLimits(tx: Repos, p: SendLimitPlan, now: number): Promise<SendRefusal | undefined> {
  const lockedUntil = await tx.defence.pairLockedUntil(p.pair, now);
  if (lockedUntil !== undefined) return { kind: 'failure-lock', until: lockedUntil };
  if (p.breaker && p.breakerKeys.length > 0) {
    const blocked = await tx.defence.blockedUntil(p.breakerKeys, now);
    if (blocked !== undefined) return { kind: 'breaker-blocked', until: blocked };
  }
  if (p.backoff) {
    const b = await tx.defence.claimBackoff(p.pair, now, p.backoff.baseMs, p.backoff.maxMs, p.backoff.resetMs);
    if (b.waitMs > 0) return { kind: 'cooldown', waitMs: b.waitMs, gapMs: b.gapMs };
  }
  for (const [index, c] of p.counters.entries()) {
    if ((await tx.limits.increment(c.scope, c.subject, c.windowStart, c.limit)) === undefined) {
      return { kind: 'counter', index };
    }
  }
  if (!p.breaker) return undefined;
  for (const [keyIndex, k] of p.breakerKeys.entries()) {
    const sent =
      ((await tx.limits.increment(`breaker-sent:${k.scope}`, k.subject, p.breaker.windowStart, UNBOUNDED)) ??
        UNBOUNDED) - 1;
    if (sent < p.breaker.minSends) continue;
    const bound = await tx.defence.counter(`breaker-bound:${k.scope}`, k.subject, p.breaker.windowStart);
    if (bound * 100 < p.breaker.minBindPercent * sent) return { kind: 'breaker', keyIndex };
  }
  return undefined;
}

/** Whether a lookup still shows the member as the caller of a Send or a Bind read it. */
export function memberAsRead(found: MemberLookup, read: MemberAsRead): boolean {
  const m = found.member;
  return (
    m !== undefined &&
    m.directory_id === read.directoryId &&
    m.folder_id === read.folderId &&
    m.type === read.type &&
    m.account.secure_mobile_phone === read.securePhone
  );
}
