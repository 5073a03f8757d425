/**
 * Verification codes of the 2022-04-19 message contacts: one for the contact's (pending) phone
 * number, sent by SMS through the same send path as every other code (planSend and the store's
 * sendCode: send limits, code stored as an HMAC, sealed outbox message, audit record, one
 * transaction), and one for its (pending) e-mail address, written to the development mail inbox.
 * Codes are keyed by (purpose, contact): a new send supersedes the contact's older code of that
 * purpose. The recipient confirms a code through `confirm` (POST /_resdir/message-contacts/verify).
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { timeOrderedId } from '../../lib/ids.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { MessageContactRow } from '../../store/message-contact-ports.js';
import type { AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import { codeMac, generateCode } from './code.js';
import { SendGuard } from './limits/send-guard.js';
import { DAY_MS, HOUR_MS, limitRefusal, pairSubject, windowStart } from './limits/refusal.js';
import { noObserver, type VerificationObserver } from './observer.js';
import { dispatched, planSend, type SmsDispatch } from './send-plan.js';
import type { VerificationPolicy } from './secure-phone.js';

export const CONTACT_PHONE_PURPOSE = 'message-contact-phone';
export const CONTACT_EMAIL_PURPOSE = 'message-contact-email';

export type ContactTargetKind = 'email' | 'phone';

/** The stored form of a target: E.164 for a phone (`86-1…` → `+861…`), the address in lower case for e-mail. */
export const storedTarget = (kind: ContactTargetKind, value: string): string =>
  kind === 'email' ? value.toLowerCase() : `+${value.replace('-', '')}`;

/**
 * Subject of the failure budget and cooldown of one (contact, target): for a phone the one the SMS
 * send path claims (SendGuard, with the contact in the member's place), so its lock stops sends.
 */
export const contactPair = (contactId: string, kind: ContactTargetKind, value: string): string =>
  kind === 'phone'
    ? pairSubject(contactId, storedTarget(kind, value))
    : `message-contact-email:${contactId}:${storedTarget(kind, value)}`;

const notFound = (id: string): ApiFailure =>
  failure('EntityNotExists.MessageContact', `The message contact ${id} does not exist in your resource directory.`);

/** A contact's phone (`86-1xxxxxxxxxx`, checked when it was set) as the SMS path takes it. */
const phoneOf = (wire: string): Phone => {
  const [callingCode = '', national = ''] = wire.split('-');
  return { e164: `+${callingCode}${national}`, callingCode, national, display: wire };
};

export class MessageContactCodes {
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
   * The live contact whose current `kind` value is `value` and not verified yet. Failures:
   * EntityNotExists.MessageContact (404), InvalidStatus.MessageContact (409) while deleting,
   * EntityNotMatch.MessageContact.EmailAddress / .PhoneNumber (400),
   * InvalidStatus.MessageContact.Verified (409).
   */
  async pendingTarget(
    dir: Directory,
    contactId: string,
    kind: ContactTargetKind,
    value: string,
  ): Promise<Result<MessageContactRow, ApiFailure>> {
    const c = await this.store.messageContacts.get(dir.id, contactId, this.clock.now());
    if (!c) return err(notFound(contactId));
    if (c.status === 'Deleting') return err(failure('InvalidStatus.MessageContact'));
    const current = kind === 'email' ? c.email_address : c.phone_number;
    const what = kind === 'email' ? 'e-mail address' : 'phone number';
    if (storedTarget(kind, value) !== storedTarget(kind, current)) {
      const code =
        kind === 'email' ? 'EntityNotMatch.MessageContact.EmailAddress' : 'EntityNotMatch.MessageContact.PhoneNumber';
      return err(failure(code, `${value} is not the ${what} of the message contact ${contactId}.`));
    }
    if ((kind === 'email' ? c.email_verified : c.phone_verified) === 1) {
      return err(
        failure(
          'InvalidStatus.MessageContact.Verified',
          `The ${what} ${value} of the message contact ${contactId} is already verified.`,
        ),
      );
    }
    return ok(c);
  }

  /**
   * Sends a code by SMS to the contact's pending phone number; the code, its outbox message and
   * the audit record commit together (call outside any transaction). Failures: those of
   * pendingTarget, SendValidateCodeExceedsLimitForAccount (409) from any send limit.
   */
  async sendPhone(
    dir: Directory,
    contactId: string,
    value: string,
    audit: AuditDraft,
  ): Promise<Result<void, ApiFailure>> {
    const c = await this.pendingTarget(dir, contactId, 'phone', value);
    if (!c.ok) return c;
    const now = this.clock.now();
    const phone = phoneOf(c.value.phone_number);
    const { command, target, messageId } = planSend(
      { policy: this.policy, guard: this.guard, keyring: this.keyring, sms: this.sms },
      {
        purpose: CONTACT_PHONE_PURPOSE,
        accountId: contactId,
        managementAccountId: dir.management_account_id,
        phone,
        audit,
      },
      now,
    );
    const outcome = await this.store.verification.sendCode(command);
    if (outcome.kind === 'refused') {
      const refused = this.guard.refusal(outcome.refusal, target, now);
      this.observer.refused('send', refused.failure.code, refused.reason);
      return err(refused.failure);
    }
    if (outcome.kind !== 'sent') throw new Error(`unexpected send outcome ${outcome.kind}`);
    this.observer.sent(messageId !== null ? 'sms' : 'test-number');
    dispatched(this.sms, command.message);
    return ok(undefined);
  }

  /**
   * Writes a code for the contact's pending e-mail address into the development mail inbox. Runs
   * in the caller's transaction: a refusal rolls back every claim. Limits, as for SMS codes: the
   * (contact, address) failure lock and growing cooldown, codes per address per hour and per day,
   * per RAM identity and per management account per day. Failures: those of pendingTarget,
   * SendValidateCodeExceedsLimitForAccount (409).
   */
  async sendEmail(
    dir: Directory,
    contactId: string,
    value: string,
    audit: AuditDraft,
  ): Promise<Result<void, ApiFailure>> {
    const c = await this.pendingTarget(dir, contactId, 'email', value);
    if (!c.ok) return c;
    const now = this.clock.now();
    const to = storedTarget('email', c.value.email_address);
    const limited = await this.claimMailLimits(contactPair(contactId, 'email', to), to, dir, audit, now);
    if (!limited.ok) return limited;
    const code = generateCode();
    const p = this.policy;
    await this.store.codes.supersede(CONTACT_EMAIL_PURPOSE, contactId, now);
    await this.store.codes.insert({
      id: timeOrderedId(now),
      purpose: CONTACT_EMAIL_PURPOSE,
      account_id: contactId,
      phone: to,
      code_mac: codeMac(this.keyring.codeMac, CONTACT_EMAIL_PURPOSE, contactId, to, code),
      created_at: now,
      expires_at: now + p.codeTtlSeconds * 1000,
      attempts: 0,
      max_attempts: p.codeMaxAttempts,
      consumed_at: null,
      superseded_at: null,
    });
    const minutes = Math.round(p.codeTtlSeconds / 60);
    await this.store.mailInbox.add({
      id: timeOrderedId(now),
      to_address: to,
      subject: '[resdir] Verify your e-mail address for Resource Directory messages',
      text:
        `${code} is your code for verifying this address as the message contact ${contactId} of the ` +
        `resource directory ${dir.id}. Valid ${minutes} min. Never share it.`,
      code,
      purpose: CONTACT_EMAIL_PURPOSE,
      created_at: now,
    });
    return ok(undefined);
  }

  private async claimMailLimits(
    pair: string,
    to: string,
    dir: Directory,
    audit: AuditDraft,
    now: number,
  ): Promise<Result<void, ApiFailure>> {
    const p = this.policy;
    if (!p.limits) return ok(undefined);
    const locked = await this.store.defence.pairLockedUntil(pair, now);
    if (locked !== undefined) {
      const msg = `Too many wrong codes were entered for this address; sending is locked until ${iso(locked)}.`;
      return err(limitRefusal('failure-lock', msg, locked - now, now).failure);
    }
    if (p.resendCooldownSeconds > 0) {
      const maxS = Math.max(p.resendCooldownSeconds, p.resendCooldownMaxSeconds);
      const b = await this.store.defence.claimBackoff(
        pair,
        now,
        p.resendCooldownSeconds * 1000,
        maxS * 1000,
        p.resendCooldownResetSeconds * 1000,
      );
      if (b.waitMs > 0) {
        const msg =
          `A verification code was sent to this address for this contact less than ${Math.round(b.gapMs / 1000)} ` +
          `seconds ago. Retry in ${Math.ceil(b.waitMs / 1000)} seconds.`;
        return err(limitRefusal('cooldown', msg, b.waitMs, now).failure);
      }
    }
    const counters = [
      ['mail-hour', to, HOUR_MS, p.maxSendsPerPhonePerHour, 'to one e-mail address per hour'],
      ['mail-day', to, DAY_MS, p.maxSendsPerPhonePerDay, 'to one e-mail address per day (UTC)'],
      ['principal-day', audit.principalId, DAY_MS, p.maxSendsPerPrincipalPerDay, 'by one RAM identity per day (UTC)'],
      [
        'management-day',
        dir.management_account_id,
        DAY_MS,
        p.maxSendsPerManagementAccountPerDay,
        'per management account per day (UTC)',
      ],
    ] as const;
    for (const [scope, subject, size, limit, per] of counters) {
      if (limit <= 0) continue;
      const start = windowStart(now, size);
      if ((await this.store.limits.increment(scope, subject, start, limit)) === undefined) {
        const msg = `At most ${limit} verification codes can be sent ${per}.`;
        return err(limitRefusal(scope, msg, start + size - now, now).failure);
      }
    }
    return ok(undefined);
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();
