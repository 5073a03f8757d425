/**
 * The recipient's side of a message-contact verification (POST /_resdir/message-contacts/verify):
 * the code sent to a contact's pending e-mail address or phone number is confirmed with the
 * contact ID and that target. As for every other code: the attempt on the code and the failure
 * budget of the (contact, target) pair are counted and committed on their own before comparing (a
 * wrong guess costs, whatever happens next); codes expire and burn after `codeMaxAttempts`; the
 * pair locks after `maxFailuresPerAccountPhone` failures. A correct code is consumed in the
 * transaction that marks the target verified (the contact becomes Active when both are) with its
 * audit record, so exactly one of concurrent confirmations wins.
 */
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { MessageContactRow } from '../../store/message-contact-ports.js';
import { auditEvent } from '../audit/audit.js';
import { maskPhone } from '../phone/phone.js';
import { codeMatches, looksLikeCode } from './code.js';
import {
  CONTACT_EMAIL_PURPOSE,
  CONTACT_PHONE_PURPOSE,
  contactPair,
  type ContactTargetKind,
  storedTarget,
} from './message-contact-codes.js';
import type { VerificationPolicy } from './secure-phone.js';
import { breakerKeys } from './limits/send-guard.js';
import { windowStart } from './limits/refusal.js';
import { UNBOUNDED } from '../../store/hot/send-code-repos.js';

/** Why a confirmation was refused (the caller learns no more than this). */
export type ConfirmRefusal =
  | { reason: 'malformed-code' | 'no-live-code' | 'not-pending' | 'lost-race' }
  | { reason: 'wrong-code'; attemptsLeft: number }
  | { reason: 'locked'; until: number | undefined };

export interface Confirmed {
  kind: ContactTargetKind;
  status: MessageContactRow['status'];
}

/** `86-…` (a phone) or an address with `@` (an e-mail); undefined for anything else. */
export function targetKind(target: string): ContactTargetKind | undefined {
  if (/^[0-9]{1,4}-[0-9]{4,15}$/.test(target)) return 'phone';
  if (target.length <= 128 && /^[^@\s]+@[^@\s]+$/.test(target)) return 'email';
  return undefined;
}

export class MessageContactConfirmation {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
    private readonly policy: VerificationPolicy,
  ) {}

  /** Call outside any transaction: the counted attempt must commit whatever the outcome. */
  async confirm(
    contactId: string,
    target: string,
    presented: string,
    meta: { requestId: string; sourceIp: string },
  ): Promise<Result<Confirmed, ConfirmRefusal>> {
    const now = this.clock.now();
    const kind = targetKind(target);
    if (!looksLikeCode(presented)) return err({ reason: 'malformed-code' });
    if (kind === undefined) return err({ reason: 'not-pending' });
    const c = await this.store.messageContacts.byId(contactId, now);
    if (!c || !isPending(c, kind, target)) return err({ reason: 'not-pending' });
    const purpose = kind === 'email' ? CONTACT_EMAIL_PURPOSE : CONTACT_PHONE_PURPOSE;
    const stored = storedTarget(kind, target);
    const pair = contactPair(contactId, kind, target);
    const p = this.policy;
    const attempt = await this.store.codes.takeAttempt(purpose, contactId, now);
    if (!attempt) return err({ reason: 'no-live-code' });
    const window = p.failureWindowSeconds * 1000;
    const lock = p.failureLockSeconds * 1000;
    if (!(await this.store.defence.takePairAttempt(pair, now, p.maxFailuresPerAccountPhone, window, lock))) {
      return err({ reason: 'locked', until: await this.store.defence.pairLockedUntil(pair, now) });
    }
    const matches =
      attempt.phone === stored &&
      codeMatches(this.keyring.codeMac, attempt.codeMac, purpose, contactId, stored, presented);
    if (!matches)
      return err({ reason: 'wrong-code', attemptsLeft: Math.max(0, attempt.maxAttempts - attempt.attempts) });
    return this.store.atomically(async (tx) => {
      if (!(await tx.codes.consume(attempt.id, now))) return err({ reason: 'lost-race' as const });
      const fresh = await tx.messageContacts.byId(contactId, now);
      if (!fresh || !isPending(fresh, kind, target)) return err({ reason: 'lost-race' as const });
      const email = kind === 'email' ? 1 : fresh.email_verified;
      const phone = kind === 'phone' ? 1 : fresh.phone_verified;
      const status = email === 1 && phone === 1 ? 'Active' : 'Verifying';
      const fields =
        kind === 'email'
          ? { email_verified: 1, verified_email_address: fresh.email_address }
          : { phone_verified: 1, verified_phone_number: fresh.phone_number };
      await tx.messageContacts.update(contactId, now, { status, ...fields });
      await tx.defence.clearPair(pair);
      // A used code counts for the SMS pumping breaker as a bound secure phone does.
      if (kind === 'phone' && p.testNumbers[stored] === undefined && p.breakerMinSends > 0) {
        const start = windowStart(attempt.createdAt ?? now, p.breakerWindowSeconds * 1000);
        const [callingCode = '', nat = ''] = fresh.phone_number.split('-');
        const keys = breakerKeys({ e164: stored, callingCode, national: nat, display: fresh.phone_number });
        for (const k of keys) await tx.limits.increment(`breaker-bound:${k.scope}`, k.subject, start, UNBOUNDED);
      }
      const [cc = '', national = ''] = kind === 'phone' ? fresh.phone_number.split('-') : [];
      const dir = await tx.directory.getDirectory(fresh.directory_id);
      await tx.audit.append(
        auditEvent(
          {
            time: now,
            requestId: meta.requestId,
            action: 'VerifyMessageContact',
            version: '2022-04-19',
            principalArn: `message-contact-recipient:${contactId}`,
            principalId: '',
            callerAccountId: dir?.management_account_id ?? '',
            accessKeyId: '',
            sourceIp: meta.sourceIp,
            targetAccountId: null,
            phoneMasked: kind === 'phone' ? maskPhone({ callingCode: cc, national }) : null,
          },
          'OK',
          null,
          `${kind} verified; contact ${status}`,
        ),
      );
      return ok({ kind, status });
    });
  }
}

/** Whether `target` is the contact's current, unverified `kind` value (and the contact is not being deleted). */
function isPending(c: MessageContactRow, kind: ContactTargetKind, target: string): boolean {
  if (c.status === 'Deleting') return false;
  const current = kind === 'email' ? c.email_address : c.phone_number;
  const verified = kind === 'email' ? c.email_verified : c.phone_verified;
  return verified === 0 && storedTarget(kind, current) === storedTarget(kind, target);
}
