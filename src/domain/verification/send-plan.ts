/**
 * The write set of one verification-code send, shared by every purpose (bind phone, enable a
 * directory): a fresh code (or a test number's fixed one) stored as an HMAC bound to (purpose,
 * account, phone), its sealed SMS unless it is a test number, the send limits unless it is a test
 * number, and the audit records. The caller adds what only it has (ClientToken, identity stamp).
 */
import { timeOrderedId } from '../../lib/ids.js';
import type { Keyring } from '../../lib/keyring.js';
import type { InlineDelivery, SendCodeCommand } from '../../store/hot-ports.js';
import { auditEvent, type AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import { codeMac, generateCode } from './code.js';
import type { SendGuard, SendTarget } from './limits/send-guard.js';
import type { SmsPayload } from './template.js';
import type { VerificationPolicy } from './secure-phone.js';

/**
 * An SMS provider that delivers inside the Send's own write (the development inbox): `plan` builds
 * the rows the write records, `recorded` does what follows a committed send (metrics, log line).
 */
export interface InlineSms {
  plan(m: { id: string; to: string; accountId: string; payload: SmsPayload }, now: number): InlineDelivery;
  recorded(messageId: string, d: InlineDelivery): void;
}

/** Where a Send's SMS goes once its write has committed. */
export interface SmsDispatch {
  /** Set when SMS are delivered inside the Send's write (the development inbox). */
  inline?: InlineSms | undefined;
  /** A message was queued: wakes the outbox worker. */
  queued(): void;
}

/** After a committed Send: the inline delivery's metrics and log line, or a wake-up of the worker. */
export function dispatched(sms: SmsDispatch, message: SendCodeCommand['message']): void {
  if (message?.delivered) sms.inline?.recorded(message.id, message.delivered);
  else if (message) sms.queued();
}

export interface SendPlan {
  command: SendCodeCommand;
  target: SendTarget;
  expiresAt: number;
  /** The outbox message's ID; null for a test number (no SMS). */
  messageId: string | null;
}

export function planSend(
  deps: { policy: VerificationPolicy; guard: SendGuard; keyring: Keyring; sms: SmsDispatch },
  input: { purpose: string; accountId: string; managementAccountId: string; phone: Phone; audit: AuditDraft },
  now: number,
): SendPlan {
  const { policy, keyring } = deps;
  const { purpose, accountId, phone, audit } = input;
  const fixed = policy.testNumbers[phone.e164];
  const code = fixed ?? generateCode();
  const expiresAt = now + policy.codeTtlSeconds * 1000;
  const messageId = fixed === undefined ? timeOrderedId(now) : null;
  const target: SendTarget = {
    accountId,
    managementAccountId: input.managementAccountId,
    principalArn: audit.principalArn,
    principalId: audit.principalId,
    sourceIp: audit.sourceIp,
    phone,
  };
  const limits = fixed === undefined ? deps.guard.plan(target, now) : undefined;
  const payload: SmsPayload = { code, minutes: Math.round(policy.codeTtlSeconds / 60), purpose };
  const command: SendCodeCommand = {
    now,
    ...(limits ? { limits } : {}),
    code: {
      id: timeOrderedId(now),
      purpose,
      accountId,
      phone: phone.e164,
      codeMac: codeMac(keyring.codeMac, purpose, accountId, phone.e164, code),
      expiresAt,
      maxAttempts: policy.codeMaxAttempts,
    },
    ...(messageId !== null ? { message: message(deps.keyring, deps.sms.inline, messageId, payload, input, now) } : {}),
    audit: auditEvent(audit, 'OK', messageId, fixed === undefined ? null : 'test-number'),
    replayAudit: auditEvent(audit, 'OK', null, 'client-token-replay'),
  };
  return { command, target, expiresAt, messageId };
}

/** Delivered by the write when an inline provider is given; otherwise sealed for the outbox. */
function message(
  keyring: Keyring,
  inline: InlineSms | undefined,
  id: string,
  payload: SmsPayload,
  input: { accountId: string; phone: Phone },
  now: number,
): NonNullable<SendCodeCommand['message']> {
  if (!inline) return { id, payloadEnc: keyring.outboxPayloads.seal(JSON.stringify(payload)) };
  return { id, delivered: inline.plan({ id, to: input.phone.e164, accountId: input.accountId, payload }, now) };
}
