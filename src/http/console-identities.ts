/**
 * The console's read-only JSON endpoints for identities and delivery: the accounts, the RAM users,
 * roles, groups and policies of one account (AccessKey IDs and status, never a secret), and the SMS
 * outbox with each message's provider attempts (never a code or a text).
 */
import type { FastifyInstance } from 'fastify';
import type { ConsoleGuard } from './console-routes.js';
import { PolicyService } from '../domain/ram/policies.js';
import { roleArn } from '../domain/ram/roles.js';
import { deliveryView } from '../delivery/view.js';
import { toE164Loose } from '../domain/phone/phone.js';
import { systemClock } from '../lib/clock.js';
import type { Store } from '../store/ports.js';
import type { PolicyAttachment } from '../store/ram-ports.js';
import { accountView, attemptView, iso, maskedE164, wireForm } from './console-views.js';
import { ACCOUNT_ID, badRequest, notFound, optional, required, wholeNumber, type Params } from './console-params.js';

const MAX_ACCOUNTS = 500;
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'expired'];

const attached = (as: PolicyAttachment[]) =>
  as.map((a) => ({ type: a.policy_type, name: a.policy_name, attachedAt: iso(a.attached_at) }));

export function registerConsoleIdentities(app: FastifyInstance, deps: { store: Store }, guard: ConsoleGuard): void {
  const { store } = deps;
  const policies = new PolicyService(store, systemClock);

  app.get('/_resdir/api/accounts', { onRequest: guard }, async () => {
    const accounts = await store.console.listAccounts(MAX_ACCOUNTS);
    const out = [];
    for (const a of accounts) {
      const manages = await store.directory.directoryOfManager(a.id);
      const member = await store.directory.getMember(a.id);
      out.push({ ...accountView(a), manages: manages?.id ?? null, memberOf: member?.directory_id ?? null });
    }
    return { accounts: out };
  });

  app.get('/_resdir/api/accounts/:id/identities', { onRequest: guard }, async (req, reply) => {
    try {
      const id = required(req.params as Params, 'id', ACCOUNT_ID, 'must be an account ID (digits)');
      const account = await store.directory.getAccount(id);
      if (!account) return notFound(reply, `The account ${id}`);
      const keyView = (k: { id: string; status: string; created_at: number }) => ({
        accessKeyId: k.id,
        status: k.status,
        createdAt: iso(k.created_at),
      });
      const users = [];
      for (const u of await store.ram.listUsers(id)) {
        users.push({
          name: u.name,
          displayName: u.display_name,
          arn: `acs:ram::${id}:user/${u.name}`,
          email: u.email ?? null,
          mobilePhone: maskedE164(u.mobile_phone ?? null),
          createdAt: iso(u.created_at),
          groups: await store.ram.groupsOfUser(id, u.name),
          policies: attached(await store.ram.attachmentsOf(id, 'User', u.name)),
          accessKeys: (await store.ram.listAccessKeys(id, u.name)).map(keyView),
        });
      }
      const roles = [];
      for (const r of await store.ram.listRoles(id)) {
        roles.push({
          name: r.name,
          arn: roleArn(r),
          description: r.description,
          maxSessionDuration: r.max_session_duration,
          trustPolicy: r.trust_policy,
          createdAt: iso(r.created_at),
          policies: attached(await store.ram.attachmentsOf(id, 'Role', r.name)),
        });
      }
      const groups = [];
      for (const g of await store.console.listGroups(id)) {
        groups.push({
          name: g.name,
          comments: g.comments,
          createdAt: iso(g.created_at),
          members: await store.console.membersOfGroup(id, g.name),
          policies: attached(await store.ram.attachmentsOf(id, 'Group', g.name)),
        });
      }
      const policyList = [];
      for (const p of await policies.list(id)) {
        const got = await policies.get(id, p.type, p.name);
        policyList.push({
          type: p.type,
          name: p.name,
          description: p.description,
          defaultVersion: p.defaultVersion,
          attachments: p.attachments,
          document: got.ok ? got.value.document : null,
          updatedAt: iso(p.updatedAt),
        });
      }
      return {
        account: accountView(account),
        rootAccessKeys: (await store.ram.listAccessKeys(id, null)).map(keyView),
        users,
        roles,
        groups,
        policies: policyList,
      };
    } catch (e) {
      return badRequest(reply, e);
    }
  });

  app.get('/_resdir/api/outbox', { onRequest: guard }, async (req, reply) => {
    try {
      const q = req.query as Params;
      const status = optional(q, 'status', new RegExp(`^(${OUTBOX_STATUSES.join('|')})$`), 'is not a status');
      const rawTo = optional(q, 'to');
      const to = rawTo === undefined ? undefined : toE164Loose(rawTo);
      if (rawTo !== undefined && !to)
        return reply
          .code(400)
          .send({ error: 'invalid-parameter', message: 'to must be <country code>-<number> or E.164' });
      const limit = wholeNumber(q, 'limit', 1, 500, 100);
      const rows = await store.delivery.list({ ...(status ? { status } : {}), ...(to ? { to } : {}), limit });
      const messages = [];
      for (const m of rows)
        messages.push({
          ...deliveryView(m, wireForm(m.to_phone)),
          attemptLog: (await store.delivery.attemptsOf(m.id)).map(attemptView),
        });
      return { counts: await store.delivery.statusCounts(), messages };
    } catch (e) {
      return badRequest(reply, e);
    }
  });
}
