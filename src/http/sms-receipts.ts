import type { FastifyInstance } from 'fastify';

/** Verifies and takes one receipt; see readWebhookReceipt for the format. */
export type ReceiptIntake = (
  headers: Record<string, string | string[] | undefined>,
  body: string,
) => 'accepted' | 'unauthorized' | 'invalid';

/**
 * POST /_resdir/sms/receipts: delivery receipts from the webhook gateway. Registered only when the
 * webhook provider is configured. Not behind the loopback guard of the other /_resdir/ endpoints
 * (gateways are remote): every request must carry a valid HMAC signature of the shared secret,
 * within 5 minutes. Answers 204 (taken; duplicates too), 401 (signature) or 400 (body).
 */
export function registerSmsReceiptRoute(app: FastifyInstance, intake: ReceiptIntake): void {
  app.post('/_resdir/sms/receipts', async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const r = intake(req.headers, body);
    if (r === 'accepted') return reply.code(204).send();
    if (r === 'unauthorized')
      return reply.code(401).send({ error: 'unauthorized', message: 'missing, wrong or stale x-resdir-signature' });
    return reply.code(400).send({
      error: 'invalid-receipt',
      message:
        'expected {"messageId": string, "state": "delivered" | "undelivered" | "enroute" | "accepted", "detail"?: ' +
        'string}',
    });
  });
}
