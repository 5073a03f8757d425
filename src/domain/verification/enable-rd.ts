/**
 * Codes for EnableResourceDirectory in the NewManagementAccount mode, sent by
 * SendVerificationCodeForEnableRD. The same machinery as the bind-phone code, with its own
 * purpose: every send limit (SendGuard; the calling account stands as both member and management
 * account, so its 100-a-day budget applies), the code stored as an HMAC bound to (purpose,
 * account, phone), the sealed outbox message, the providers and the inbox, the failure budget of
 * the (account, phone) pair, attempts counted before comparing, and single use.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Repos, Store } from '../../store/ports.js';
import type { AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import { codeMatches, looksLikeCode } from './code.js';
import { SendGuard } from './limits/send-guard.js';
import { pairSubject } from './limits/refusal.js';
import { noObserver, type VerificationObserver } from './observer.js';
import { dispatched, planSend, type SmsDispatch } from './send-plan.js';
import type { VerificationPolicy } from './secure-phone.js';

export const ENABLE_RD_PURPOSE = 'enable-resource-directory';

/** A code that matched, not yet used. */
export interface CheckedCode {
  codeId: string;
  pair: string;
}

export class EnableRdCodes {
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
   * Sends a code for `accountId` to `phone`; the code, its outbox message and the audit record
   * commit together. Failure: SendValidateCodeExceedsLimitForAccount (409) from any send limit.
   */
  async send(accountId: string, phone: Phone, audit: AuditDraft): Promise<Result<{ expiresAt: number }, ApiFailure>> {
    const now = this.clock.now();
    const { command, target, expiresAt, messageId } = planSend(
      { policy: this.policy, guard: this.guard, keyring: this.keyring, sms: this.sms },
      { purpose: ENABLE_RD_PURPOSE, accountId, managementAccountId: accountId, phone, audit },
      now,
    );
    const outcome = await this.store.verification.sendCode(command);
    if (outcome.kind === 'refused') {
      const refused = this.guard.refusal(outcome.refusal, target, now);
      this.observer.refused('send', refused.failure.code, refused.reason);
      return err(refused.failure);
    }
    this.observer.sent(messageId !== null ? 'sms' : 'test-number');
    dispatched(this.sms, command.message);
    return ok({ expiresAt });
  }

  /**
   * Checks `presented` for (accountId, phone). The attempt and the pair's failure budget are
   * counted first and committed on their own (call this outside any transaction), so a wrong guess
   * stays counted. The code is not used yet: pass the answer to `consume` in the transaction that
   * acts on it. Failure: Invalid.VerificationCode (409).
   */
  async check(accountId: string, phone: Phone, presented: string): Promise<Result<CheckedCode, ApiFailure>> {
    const now = this.clock.now();
    const refuse = (reason: string, message: string) => {
      this.observer.refused('bind', 'Invalid.VerificationCode', reason);
      return err(Object.assign(failure('Invalid.VerificationCode', message), { auditDetail: reason }));
    };
    if (!looksLikeCode(presented)) return refuse('malformed-code', 'The verification code must be the 6-digit code.');
    const attempt = await this.store.codes.takeAttempt(ENABLE_RD_PURPOSE, accountId, now);
    if (!attempt)
      return refuse('no-live-code', 'The verification code is invalid or has expired, been used or been replaced.');
    const p = this.policy;
    const pair = pairSubject(accountId, phone.e164);
    const window = p.failureWindowSeconds * 1000;
    const lock = p.failureLockSeconds * 1000;
    if (!(await this.store.defence.takePairAttempt(pair, now, p.maxFailuresPerAccountPhone, window, lock)))
      return refuse('failure-lock', 'Too many wrong verification codes were entered for this mobile phone number.');
    if (!codeMatches(this.keyring.codeMac, attempt.codeMac, ENABLE_RD_PURPOSE, accountId, phone.e164, presented))
      return refuse('wrong-code', 'The verification code is invalid for this mobile phone number.');
    return ok({ codeId: attempt.id, pair });
  }

  /** Uses a checked code once, inside `tx`. Failure: Invalid.VerificationCode when another call used it first. */
  async consume(tx: Repos, checked: CheckedCode): Promise<Result<void, ApiFailure>> {
    if (!(await tx.codes.consume(checked.codeId, this.clock.now())))
      return err(failure('Invalid.VerificationCode', 'The verification code has already been used.'));
    await tx.defence.clearPair(checked.pair);
    return ok(undefined);
  }
}
