import type { FastifyInstance } from 'fastify';
import type { MessageContactConfirmation } from '../domain/verification/message-contact-confirm.js';

/**
 * POST /_resdir/message-contacts/verify `{"contactId", "target", "code"}`: the recipient of a
 * message-contact verification code confirms it (target: the e-mail address or the `86-…` phone
 * number it was sent to). The recipient's side, like the SMS receipts webhook: open to remote
 * clients and not behind the /_resdir/ guard; every attempt is counted (see
 * MessageContactConfirmation). Answers 200 `{"contactId", "target", "verified": true, "status"}`;
 * 400 for a malformed body; 409 `invalid-code` for a wrong, expired, used or burned code or a
 * target that is not pending; 429 `locked` (with Retry-After) once the failure budget is spent.
 * Never echoes the code.
 */
export function registerMessageContactVerifyRoute(
  app: FastifyInstance,
  confirmation: MessageContactConfirmation,
): void {
  app.post('/_resdir/message-contacts/verify', async (req, reply) => {
    const body = parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    if (!body)
      return reply.code(400).send({
        error: 'invalid-body',
        message: 'expected a JSON object {"contactId": string, "target": string, "code": string} and nothing else',
      });
    const r = await confirmation.confirm(body.contactId, body.target, body.code, {
      requestId: String(req.id),
      sourceIp: req.ip,
    });
    if (r.ok)
      return reply.code(200).send({ contactId: body.contactId, target: body.target, verified: true, ...r.value });
    const e = r.error;
    if (e.reason === 'locked') {
      const waitS = e.until === undefined ? undefined : Math.max(1, Math.ceil((e.until - Date.now()) / 1000));
      if (waitS !== undefined) reply.header('retry-after', String(waitS));
      return reply.code(429).send({
        error: 'locked',
        message:
          'Too many wrong verification codes were entered for this target' +
          (e.until === undefined ? '.' : `; try again after ${new Date(e.until).toISOString()}.`),
      });
    }
    const message = {
      'malformed-code': 'The verification code must be the 6-digit code that was sent.',
      'no-live-code': 'The verification code is invalid or has expired, been used or been replaced. Send a new code.',
      'not-pending': 'No verification of this target is pending for this message contact.',
      'lost-race': 'The verification code has already been used.',
      'wrong-code': 'The verification code is invalid.',
    }[e.reason];
    return reply.code(409).send({
      error: 'invalid-code',
      message,
      ...(e.reason === 'wrong-code' ? { attemptsLeft: e.attemptsLeft } : {}),
    });
  });
}

/** Exactly `{contactId, target, code}`, each a string of sane length; anything else is undefined. */
function parse(raw: string): { contactId: string; target: string; code: string } | undefined {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  if (keys.join(',') !== 'code,contactId,target') return undefined;
  const { contactId, target, code } = o;
  if (typeof contactId !== 'string' || !/^c-[A-Za-z0-9]{1,32}$/.test(contactId)) return undefined;
  if (typeof target !== 'string' || target.length === 0 || target.length > 254) return undefined;
  if (typeof code !== 'string' || code.length > 32) return undefined;
  return { contactId, target, code };
}
