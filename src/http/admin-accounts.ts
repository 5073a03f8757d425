import type { FastifyInstance } from 'fastify';
import type { Clock } from '../lib/clock.js';
import type { Keyring } from '../lib/keyring.js';
import type { Store } from '../store/ports.js';
import { createStandaloneAccount } from '../domain/directory/standalone.js';
import { adminGuard } from './admin-guard.js';

export interface AdminAccountDeps {
  store: Store;
  keyring: Keyring;
  clock: Clock;
  adminToken?: string;
}

/**
 * POST /_resdir/accounts `{"displayName"?: string}` → 201 `{accountId, displayName, logonEmail,
 * accessKeyId, accessKeySecret}`: an account in no resource directory, with its root AccessKey.
 * Registered in development mode only (production answers 404), behind the /_resdir/ guard.
 * The secret is in the answer only: never logged (the request log has no body).
 */
export function registerAdminAccountRoute(app: FastifyInstance, deps: AdminAccountDeps): void {
  app.post(
    '/_resdir/accounts',
    {
      onRequest: adminGuard(
        { production: false, ...(deps.adminToken ? { adminToken: deps.adminToken } : {}) },
        'other',
      ),
    },
    async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      const body = parseBody(raw);
      if (body === undefined)
        return reply
          .code(400)
          .send({ error: 'invalid-body', message: 'expected a JSON object {"displayName"?: string} and nothing else' });
      const r = await createStandaloneAccount(deps.store, deps.keyring, deps.clock, body.displayName);
      if (!r.ok) return reply.code(400).send({ error: 'invalid-display-name', message: r.error.message });
      return reply.code(201).send(r.value);
    },
  );
}

/** `{}` or `{"displayName": string}` (an empty body counts as `{}`); anything else is undefined. */
function parseBody(raw: string): { displayName?: string } | undefined {
  if (raw.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const keys = Object.keys(v);
  if (keys.some((k) => k !== 'displayName')) return undefined;
  const name = (v as { displayName?: unknown }).displayName;
  if (name === undefined) return {};
  return typeof name === 'string' ? { displayName: name } : undefined;
}
