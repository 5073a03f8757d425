import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/ports.js';
import type { Guard } from './admin-guard.js';

/**
 * The development mail inbox, beside the SMS inbox and guarded like it: GET /_resdir/mail
 * `?to=<address>&limit=<1–1000, default 50>` answers `{"messages": [{id, to, subject, text, code,
 * purpose, createdAt}]}` newest first; DELETE /_resdir/mail empties it (204).
 */
export function registerMailInboxRoutes(app: FastifyInstance, store: Store, guard: Guard): void {
  app.get('/_resdir/mail', { onRequest: guard }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    let to: string | undefined;
    if (q.to !== undefined) {
      if (typeof q.to !== 'string' || q.to.length > 254 || !/^[^@\s]+@[^@\s]+$/.test(q.to))
        return reply.code(400).send({ error: 'invalid-to', message: 'to must be one e-mail address' });
      to = q.to;
    }
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return reply.code(400).send({ error: 'invalid-limit', message: 'limit must be a whole number from 1 to 1000' });
    }
    const rows = await store.mailInbox.list(to, limit);
    return {
      messages: rows.map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        text: m.text,
        code: m.code,
        purpose: m.purpose,
        createdAt: new Date(m.created_at).toISOString(),
      })),
    };
  });

  app.delete('/_resdir/mail', { onRequest: guard }, async (_req, reply) => {
    await store.mailInbox.clear();
    return reply.code(204).send();
  });
}
