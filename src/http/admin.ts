import type { FastifyInstance } from 'fastify';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Registry } from 'prom-client';
import type { Store } from '../store/ports.js';
import { toE164Loose } from '../domain/phone/phone.js';
import { deliveryView } from '../delivery/view.js';
import { registerConsoleRoutes } from './console-routes.js';
import { adminGuard } from './admin-guard.js';
import { registerMailInboxRoutes } from './mail-inbox.js';

export interface AdminDeps {
  store: Store;
  version: string;
  smsProvider: string;
  adminToken?: string;
  /** Production mode: every endpoint but health needs the admin token, even from loopback. */
  production?: boolean;
  metrics: Registry;
}

/** `<cc>-<national>` for display, from E.164. */
const wireForm = (e164: string): string => {
  const p = parsePhoneNumberFromString(e164);
  return p ? `${p.countryCallingCode}-${p.nationalNumber}` : e164;
};

/**
 * resdir's own endpoints under /_resdir/ (CONTRACT.md §5): unsigned JSON, guarded as admin-guard.ts
 * describes (loopback or RESDIR_ADMIN_TOKEN; the token only, in production mode).
 */
export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const opts = { production: deps.production ?? false, ...(deps.adminToken ? { adminToken: deps.adminToken } : {}) };
  const guard = adminGuard(opts, 'other');
  const healthGuard = adminGuard(opts, 'health');

  app.get('/_resdir/health', healthGuard ? { onRequest: healthGuard } : {}, async (_req, reply) => {
    const up = await deps.store.ping();
    return reply
      .code(up ? 200 : 503)
      .send({ status: up ? 'ok' : 'unavailable', version: deps.version, store: deps.store.dialect });
  });

  app.get('/_resdir/sms', { onRequest: guard }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    let to: string | undefined;
    if (q.to !== undefined) {
      to = typeof q.to === 'string' ? toE164Loose(q.to) : undefined;
      if (!to)
        return reply
          .code(400)
          .send({ error: 'invalid-to', message: 'to must be <country code>-<number> or E.164 (+…)' });
    }
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return reply.code(400).send({ error: 'invalid-limit', message: 'limit must be a whole number from 1 to 1000' });
    }
    // Real providers: the delivery status of the outbox (no text, no code: neither is kept).
    if (deps.smsProvider !== 'inbox')
      return {
        messages: (await deps.store.delivery.list({ ...(to ? { to } : {}), limit })).map((m) =>
          deliveryView(m, wireForm(m.to_phone)),
        ),
      };
    const rows = await deps.store.inbox.list(to, limit);
    return {
      messages: rows.map((m) => ({
        id: m.message_id,
        to: wireForm(m.to_phone),
        text: m.text,
        code: m.code,
        purpose: m.purpose,
        accountId: m.account_id,
        createdAt: new Date(m.created_at).toISOString(),
        status: m.status,
      })),
    };
  });

  app.delete('/_resdir/sms', { onRequest: guard }, async (_req, reply) => {
    await deps.store.inbox.clear();
    return reply.code(204).send();
  });

  registerMailInboxRoutes(app, deps.store, guard);

  app.get('/_resdir/metrics', { onRequest: guard }, async (_req, reply) => {
    return reply.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  registerConsoleRoutes(app, deps, guard);
}
