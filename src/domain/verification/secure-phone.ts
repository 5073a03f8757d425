import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { timeOrderedId } from '../../lib/ids.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Member, Repos, Store } from '../../store/ports.js';
import { auditEvent, type AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import { BIND_PHONE_PURPOSE, codeMac, codeMatches, generateCode, looksLikeCode } from './code.js';
import type { SmsPayload } from './template.js';

export interface VerificationPolicy {
  codeTtlSeconds: number;
  codeMaxAttempts: number;
  limits: boolean;
  resendCooldownSeconds: number;
  maxSendsPerMemberPerDay: number;
  maxSendsPerManagementAccountPerDay: number;
}

const DAY_MS = 86_400_000;

/**
 * Sending and checking codes that bind a secure mobile phone to a member.
 *
 * Contracts: a Send writes the code (as an HMAC only), its sealed outbox message and its audit
 * event in one transaction, after claiming every send limit in that same transaction; a Bind
 * counts the attempt atomically before comparing, and consumes the code in the transaction that
 * binds the phone, so exactly one Bind can win.
 */
export class SecurePhoneVerification {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly policy: VerificationPolicy,
    private readonly onQueued: () => void,
  ) {}

  /**
   * Failures: SendValidateCodeExceedsLimitForAccount (409) when the resend cooldown or a daily
   * limit is reached (with retryAfterMs).
   */
  async send(member: Member, managementAccountId: string, phone: Phone, audit: AuditDraft): Promise<Result<{ expiresAt: number; messageId: string }, ApiFailure>> {
    const now = this.clock.now();
    const code = generateCode();
    const expiresAt = now + this.policy.codeTtlSeconds * 1000;
    const messageId = timeOrderedId(now);
    const payload: SmsPayload = { code, minutes: Math.round(this.policy.codeTtlSeconds / 60), purpose: BIND_PHONE_PURPOSE };
    const r = await this.store.atomically(async (tx) => {
      const refused = await this.claimLimits(tx, member.account_id, managementAccountId, phone, now);
      if (refused) return err(refused);
      await tx.codes.supersede(BIND_PHONE_PURPOSE, member.account_id, now);
      await tx.codes.insert({
        id: timeOrderedId(now),
        purpose: BIND_PHONE_PURPOSE,
        account_id: member.account_id,
        phone: phone.e164,
        code_mac: codeMac(this.keyring.codeMac, BIND_PHONE_PURPOSE, member.account_id, phone.e164, code),
        created_at: now,
        expires_at: expiresAt,
        attempts: 0,
        max_attempts: this.policy.codeMaxAttempts,
        consumed_at: null,
        superseded_at: null,
      });
      await tx.outbox.enqueue({
        id: messageId,
        to_phone: phone.e164,
        purpose: BIND_PHONE_PURPOSE,
        account_id: member.account_id,
        payload_enc: this.keyring.outboxPayloads.seal(JSON.stringify(payload)),
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        lease_until: null,
        expires_at: expiresAt,
        created_at: now,
        updated_at: now,
        sent_at: null,
        provider: null,
        provider_message_id: null,
        last_error: null,
      });
      await tx.audit.append(auditEvent(audit, 'OK', messageId));
      return ok({ expiresAt, messageId });
    });
    if (r.ok) this.onQueued();
    return r;
  }

  /**
   * Failures: Invalid.VerificationCode (409) for a wrong, expired, superseded, used or burned
   * code, or a phone other than the one the code was sent to; AccountSecureMobileAlreadyExists
   * (409) when another Bind won the race for the member.
   */
  async bind(member: Member, phone: Phone, presented: string, audit: AuditDraft): Promise<Result<void, ApiFailure>> {
    const now = this.clock.now();
    if (!looksLikeCode(presented)) {
      return err(failure('Invalid.VerificationCode', 'The verification code is invalid: it must be the 6-digit code sent by SMS.'));
    }
    // Committed on its own, before comparing: a wrong guess stays counted.
    const attempt = await this.store.codes.takeAttempt(BIND_PHONE_PURPOSE, member.account_id, now);
    if (!attempt) {
      return err(failure('Invalid.VerificationCode', 'The verification code is invalid or has expired, been used or been replaced, or too many wrong codes were entered. Send a new code.'));
    }
    if (!codeMatches(this.keyring.codeMac, attempt.codeMac, BIND_PHONE_PURPOSE, member.account_id, phone.e164, presented)) {
      const left = attempt.maxAttempts - attempt.attempts;
      return err(
        failure(
          'Invalid.VerificationCode',
          left > 0
            ? `The verification code is invalid for this account and mobile phone number. ${left} attempt(s) left.`
            : 'The verification code is invalid. No attempts are left for this code; send a new code.',
        ),
      );
    }
    return this.store.atomically(async (tx) => {
      if (!(await tx.codes.consume(attempt.id, now))) {
        return err(failure('Invalid.VerificationCode', 'The verification code has already been used or replaced.'));
      }
      if (!(await tx.directory.bindSecurePhone(member.account_id, phone.e164, now))) {
        return err(failure('AccountSecureMobileAlreadyExists', `The member ${member.account_id} already has a secure mobile phone number.`));
      }
      await tx.audit.append(auditEvent(audit, 'OK'));
      return ok(undefined);
    });
  }

  /** Claims cooldown and daily counters inside the send transaction; returns the refusal if any. */
  private async claimLimits(tx: Repos, accountId: string, managementAccountId: string, phone: Phone, now: number): Promise<ApiFailure | undefined> {
    if (!this.policy.limits) return undefined;
    const limitCode = 'SendValidateCodeExceedsLimitForAccount';
    const wait = await tx.limits.claimCooldown(`bind-phone:${accountId}:${phone.e164}`, now, now + this.policy.resendCooldownSeconds * 1000);
    if (wait > 0) {
      return failure(limitCode, `A verification code was sent to this number for this member less than ${this.policy.resendCooldownSeconds} seconds ago. Retry in ${Math.ceil(wait / 1000)} seconds.`, wait);
    }
    const day = Math.floor(now / DAY_MS) * DAY_MS;
    const untilTomorrow = day + DAY_MS - now;
    if ((await tx.limits.increment('member-day', accountId, day, this.policy.maxSendsPerMemberPerDay)) === undefined) {
      return failure(limitCode, `At most ${this.policy.maxSendsPerMemberPerDay} verification codes can be sent for one member per day (UTC).`, untilTomorrow);
    }
    if ((await tx.limits.increment('management-day', managementAccountId, day, this.policy.maxSendsPerManagementAccountPerDay)) === undefined) {
      return failure(limitCode, `At most ${this.policy.maxSendsPerManagementAccountPerDay} verification codes can be sent per management account per day (UTC).`, untilTomorrow);
    }
    return undefined;
  }
}
