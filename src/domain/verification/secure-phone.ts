import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Member, Store } from '../../store/ports.js';
import type { IdentityStamp, MemberAsRead } from '../../store/hot-ports.js';
import { StaleIdentityError } from '../identity/identity-cache.js';
import { NonceUsedError, type NonceState } from '../identity/pending-nonce.js';
import { auditEvent, type AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import { BIND_PHONE_PURPOSE, codeMac, looksLikeCode } from './code.js';
import { breakerKeys, SendGuard, type SendLimitPolicy } from './limits/send-guard.js';
import { pairSubject, type Refusal, type Trip } from './limits/refusal.js';
import { idempotencyKey } from './idempotency.js';
import { noObserver, type VerificationObserver } from './observer.js';
import { dispatched, planSend, type SmsDispatch } from './send-plan.js';

export interface VerificationPolicy extends SendLimitPolicy {
  codeTtlSeconds: number;
  codeMaxAttempts: number;
  maxFailuresPerAccountPhone: number;
  failureWindowSeconds: number;
  failureLockSeconds: number;
  clientTokenTtlSeconds: number;
  /** E.164 → fixed code: no SMS, no send limits, no breaker (development only). */
  testNumbers: Record<string, string>;
}

/** What the Send's write re-checks (identity epoch) or claims (a deferred nonce) for the pipeline. */
export interface WriteGuard {
  identity?: IdentityStamp;
  nonce?: NonceState;
}

type SendResult = Result<{ expiresAt: number; messageId: string | null }, ApiFailure>;
/** Internal: a refusal, or "another request with this ClientToken committed first". */
type SendError = Refusal | { raced: true };

/**
 * Sending and checking codes that bind a secure mobile phone to a member.
 *
 * Contracts: a Send claims every send limit (SendGuard), writes the code (as an HMAC only), its
 * sealed outbox message, its ClientToken record and its audit event in ONE transaction; a refusal
 * rolls all of it back. A Bind counts the code attempt and the (member, phone) failure budget
 * atomically before comparing, and consumes the code in the transaction that binds the phone, so
 * exactly one Bind can win. The identity fields of the AuditDraft (principal, source address,
 * calling account) are the subjects of the per-principal, per-IP and idempotency scopes.
 */
export class SecurePhoneVerification {
  private readonly guard: SendGuard;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly policy: VerificationPolicy,
    private readonly sms: SmsDispatch,
    private readonly observer: VerificationObserver = noObserver,
  ) {
    this.guard = new SendGuard(policy);
  }

  /**
   * Failures: SendValidateCodeExceedsLimitForAccount (409, with retryAfterMs and a Recommend
   * text) when a send limit, the cooldown, the pair's failure lock or the pumping breaker refuses;
   * IdempotentParameterMismatch (409) for a ClientToken reused with other parameters.
   */
  async send(
    member: Member,
    managementAccountId: string,
    phone: Phone,
    audit: AuditDraft,
    clientToken?: string,
    guard: WriteGuard = {},
  ): Promise<SendResult> {
    const idem =
      clientToken === undefined
        ? undefined
        : idempotencyKey(audit, clientToken, { AccountId: member.account_id, SecureMobilePhone: phone.e164 });
    let r = await this.trySend(member, managementAccountId, phone, audit, idem, guard);
    if (!r.ok && 'raced' in r.error) r = await this.trySend(member, managementAccountId, phone, audit, idem, guard);
    // A concurrent Send with the same token (another connection or replica) may have held a limit
    // row and committed while this one waited on it: this one then sees the limit claimed and is
    // refused, although the token's record now exists. Look once more, and replay it if so.
    if (
      !r.ok &&
      idem &&
      !('raced' in r.error) &&
      r.error.reason !== 'client-token-mismatch' &&
      (await this.store.defence.findIdempotent(idem.scope, idem.token, this.clock.now()))
    ) {
      r = await this.trySend(member, managementAccountId, phone, audit, idem, guard);
    }
    if (r.ok) return r;
    if ('raced' in r.error) throw new Error('ClientToken record vanished between two reads');
    const refusal = r.error;
    this.observer.refused('send', refusal.failure.code, refusal.reason);
    if (refusal.trip) await this.recordTrip(refusal.trip, audit);
    return err(refusal.failure);
  }

  private async trySend(
    member: Member,
    managementAccountId: string,
    phone: Phone,
    audit: AuditDraft,
    idem: ReturnType<typeof idempotencyKey> | undefined,
    guard: WriteGuard,
  ): Promise<Result<{ expiresAt: number; messageId: string | null }, SendError>> {
    const now = this.clock.now();
    const { command, target, expiresAt, messageId } = planSend(
      { policy: this.policy, guard: this.guard, keyring: this.keyring, sms: this.sms },
      { purpose: BIND_PHONE_PURPOSE, accountId: member.account_id, managementAccountId, phone, audit },
      now,
    );
    const { identity, nonce } = guard;
    const outcome = await this.store.verification.sendCode({
      member: asRead(member),
      ...command,
      ...(identity ? { identity } : {}),
      ...(nonce?.deferred && !nonce.claimed ? { nonce: nonce.deferred } : {}),
      ...(idem
        ? {
            idempotency: {
              response: JSON.stringify({ expiresAt }),
              expiresAt: now + this.policy.clientTokenTtlSeconds * 1000,
              ...idem,
            },
          }
        : {}),
    });
    if (outcome.kind === 'nonce-used') throw new NonceUsedError();
    if (outcome.kind === 'stale-identity' || outcome.kind === 'stale-member') throw new StaleIdentityError();
    if (nonce) nonce.claimed = true; // every other outcome came from a write that took the nonce
    switch (outcome.kind) {
      case 'token-raced':
        return err({ raced: true });
      case 'refused':
        return err(this.guard.refusal(outcome.refusal, target, now));
      case 'token-mismatch':
        return err({
          reason: 'client-token-mismatch',
          failure: {
            code: 'IdempotentParameterMismatch',
            message:
              `The ClientToken "${idem?.token}" was used within the last ` +
              `${Math.round(this.policy.clientTokenTtlSeconds / 3600)} hours with other parameters ` +
              '(AccountId or SecureMobilePhone). Use a new ClientToken for a new request.',
            auditDetail: 'client-token-mismatch',
          },
        });
      case 'replayed': {
        this.observer.sent('replay');
        const first = JSON.parse(outcome.response) as { expiresAt: number };
        return ok({ expiresAt: first.expiresAt, messageId: null });
      }
      case 'sent':
        this.observer.sent(messageId !== null ? 'sms' : 'test-number');
        dispatched(this.sms, command.message);
        return ok({ expiresAt, messageId });
    }
  }

  /** Blocks the breaker key; exactly one of concurrent trippers writes the audit event and counts the metric. */
  private async recordTrip(trip: Trip, audit: AuditDraft): Promise<void> {
    const now = this.clock.now();
    await this.store.atomically(async (tx) => {
      if (await tx.defence.trip(trip.scope, trip.subject, now, trip.until)) {
        const draft: AuditDraft = Object.assign({}, audit, { time: now, action: 'SmsPumpingBreakerTripped' as const });
        const subject =
          trip.scope === 'country' ? `calling code ${trip.subject}` : `prefix ${trip.subject.slice(0, -3)}***`;
        await tx.audit.append(
          auditEvent(draft, 'OK', null, `breaker:${trip.scope}:${subject} until ${new Date(trip.until).toISOString()}`),
        );
        this.observer.breakerTripped(trip.scope);
      }
      return ok(undefined);
    });
  }

  /**
   * Failures: Invalid.VerificationCode (409) for a wrong, expired, superseded, used or burned
   * code, a phone other than the one the code was sent to, or a (member, phone) pair whose failure
   * budget is spent; AccountSecureMobileAlreadyExists (409) when another Bind won the race.
   */
  async bind(
    member: Member,
    phone: Phone,
    presented: string,
    audit: AuditDraft,
    identity?: IdentityStamp,
  ): Promise<Result<void, ApiFailure>> {
    const now = this.clock.now();
    const refuse = (reason: string, f: ApiFailure) => {
      this.observer.refused('bind', f.code, reason);
      return err(Object.assign({}, f, { auditDetail: reason }));
    };
    if (!looksLikeCode(presented)) {
      return refuse(
        'malformed-code',
        failure(
          'Invalid.VerificationCode',
          'The verification code is invalid: it must be the 6-digit code sent by SMS.',
        ),
      );
    }
    const pair = pairSubject(member.account_id, phone.e164);
    const p = this.policy;
    // One store step: the attempt and the pair's failure budget stay counted whatever the outcome
    // (a wrong guess costs); consuming, binding, clearing and crediting commit together.
    const o = await this.store.verification.bindPhone({
      member: asRead(member),
      ...(identity ? { identity } : {}),
      now,
      purpose: BIND_PHONE_PURPOSE,
      accountId: member.account_id,
      phone: phone.e164,
      pair,
      budget: {
        max: p.maxFailuresPerAccountPhone,
        windowMs: p.failureWindowSeconds * 1000,
        lockMs: p.failureLockSeconds * 1000,
      },
      presentedMac: codeMac(this.keyring.codeMac, BIND_PHONE_PURPOSE, member.account_id, phone.e164, presented),
      // Test numbers stay out of the breaker's statistics, as they stay out of its counting.
      credit: {
        keys: p.testNumbers[phone.e164] === undefined ? breakerKeys(phone) : [],
        windowMs: p.breakerWindowSeconds * 1000,
      },
      audit: auditEvent(audit, 'OK'),
    });
    if (o.kind === 'stale-identity' || o.kind === 'stale-member') throw new StaleIdentityError();
    switch (o.kind) {
      case 'bound':
        this.observer.bound(o.attempts);
        return ok(undefined);
      case 'no-live-code':
        return refuse(
          'no-live-code',
          failure(
            'Invalid.VerificationCode',
            'The verification code is invalid or has expired, been used or been replaced, ' +
              'or too many wrong codes were entered. Send a new code.',
          ),
        );
      case 'pair-locked': {
        const until = o.until;
        const f = failure(
          'Invalid.VerificationCode',
          'Too many wrong verification codes were entered for this member and mobile phone number' +
            `${until ? `; try again after ${new Date(until).toISOString()}` : ''}.`,
          until ? until - now : undefined,
        );
        return refuse('failure-lock', f);
      }
      case 'wrong-code': {
        const left = o.maxAttempts - o.attempts;
        if (left <= 0) this.observer.burned(o.attempts);
        return refuse(
          left > 0 ? 'wrong-code' : 'wrong-code-burned',
          failure(
            'Invalid.VerificationCode',
            left > 0
              ? `The verification code is invalid for this account and mobile phone number. ${left} attempt(s) left.`
              : 'The verification code is invalid. No attempts are left for this code; send a new code.',
          ),
        );
      }
      case 'code-taken':
        return refuse(
          'lost-race',
          failure('Invalid.VerificationCode', 'The verification code has already been used or replaced.'),
        );
      case 'already-bound':
        return refuse(
          'lost-race',
          failure(
            'AccountSecureMobileAlreadyExists',
            `The member ${member.account_id} already has a secure mobile phone number.`,
          ),
        );
    }
  }
}

/** The member facts a Send or Bind was judged on, for its write to re-check. */
const asRead = (m: Member): MemberAsRead => ({
  accountId: m.account_id,
  directoryId: m.directory_id,
  folderId: m.folder_id,
  type: m.type,
  securePhone: m.account.secure_mobile_phone,
});
