/**
 * The console's JSON endpoints under /_resdir/api/ (read-only): the directories with their folders
 * and members, one member with its folder path, and the audit trail. They reuse the domain and
 * store code; no secret or verification code is ever part of an answer.
 */
import type { FastifyInstance } from 'fastify';
import type { ConsoleGuard } from './console-routes.js';
import { DirectoryService } from '../domain/directory/directory.js';
import { eventView, lookupEvents, parseLookup, type LookupRequest } from '../domain/audit/lookup.js';
import { systemClock } from '../lib/clock.js';
import type { Store } from '../store/ports.js';
import { accountView, iso, memberView } from './console-views.js';
import {
  ACCOUNT_ID,
  DIRECTORY_ID,
  badRequest,
  notFound,
  optional,
  required,
  wholeNumber,
  type Params,
} from './console-params.js';

export interface ConsoleApiDeps {
  store: Store;
  version: string;
  smsProvider: string;
}

/** At most this many members are listed per directory in one answer. */
export const MAX_MEMBERS = 1000;
const EVENT_ID = /^[0-9a-f]{12,64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export function registerConsoleApi(app: FastifyInstance, deps: ConsoleApiDeps, guard: ConsoleGuard): void {
  const { store } = deps;
  const directory = new DirectoryService(store, systemClock);

  app.get('/_resdir/api/console', { onRequest: guard }, async () => ({
    version: deps.version,
    store: store.dialect,
    smsProvider: deps.smsProvider,
    // The inbox exists only with the inbox provider (never in production mode).
    inbox: deps.smsProvider === 'inbox',
  }));

  app.get('/_resdir/api/directories', { onRequest: guard }, async () => {
    const dirs = await store.console.listDirectories();
    const out = [];
    for (const d of dirs) {
      const manager = await store.directory.getAccount(d.management_account_id);
      const { total } = await store.directory.listMembers(d.id, 0, 1);
      out.push({
        id: d.id,
        rootFolderId: d.root_folder_id,
        managementAccountId: d.management_account_id,
        managementAccountName: manager?.account_name ?? null,
        createdAt: iso(d.created_at),
        memberCount: total,
      });
    }
    return { directories: out };
  });

  app.get('/_resdir/api/directories/:id', { onRequest: guard }, async (req, reply) => {
    try {
      const id = required(req.params as Params, 'id', DIRECTORY_ID, 'must be a resource directory ID (rd-…)');
      const d = await store.directory.getDirectory(id);
      if (!d) return notFound(reply, `The resource directory ${id}`);
      const folders = await store.console.foldersOf(id);
      const { total, members } = await store.directory.listMembers(id, 0, MAX_MEMBERS);
      return {
        id: d.id,
        rootFolderId: d.root_folder_id,
        managementAccountId: d.management_account_id,
        createdAt: iso(d.created_at),
        folders: folders.map((f) => ({ id: f.id, parentId: f.parent_id, name: f.name, createdAt: iso(f.created_at) })),
        memberCount: total,
        members: members.map(memberView),
      };
    } catch (e) {
      return badRequest(reply, e);
    }
  });

  app.get('/_resdir/api/members/:id', { onRequest: guard }, async (req, reply) => {
    try {
      const id = required(req.params as Params, 'id', ACCOUNT_ID, 'must be an account ID (digits)');
      const m = await store.directory.getMember(id);
      if (!m) return notFound(reply, `The member ${id}`);
      const d = await store.directory.getDirectory(m.directory_id);
      const path = d ? await directory.folderPathOf(d, m.folder_id) : undefined;
      const folderIds = (path ?? '').split('/').slice(1);
      const folders = [];
      for (const fid of folderIds) {
        const f = await store.directory.getFolder(fid);
        folders.push({ id: fid, name: f?.name ?? fid });
      }
      const manager = d ? await store.directory.getAccount(d.management_account_id) : undefined;
      return {
        ...memberView(m),
        path: folders,
        managementAccount: manager ? accountView(manager) : null,
      };
    } catch (e) {
      return badRequest(reply, e);
    }
  });

  app.get('/_resdir/api/audit', { onRequest: guard }, async (req, reply) => {
    try {
      const q = req.query as Params;
      const eventId = optional(q, 'eventId', EVENT_ID, 'must be an event ID');
      const attributes: LookupRequest['attributes'] = [];
      const add = (key: string, v: string | undefined) => v !== undefined && attributes.push({ key, value: v });
      add('EventName', optional(q, 'action'));
      add('Principal', optional(q, 'principal'));
      add('ErrorCode', optional(q, 'result'));
      add('ResourceName', optional(q, 'member'));
      add('EventId', eventId);
      const start = optional(q, 'start', ISO_TIME, 'must be an ISO 8601 UTC time');
      const end = optional(q, 'end', ISO_TIME, 'must be an ISO 8601 UTC time');
      const next = optional(q, 'next', /^[A-Za-z0-9_-]{1,128}$/, 'must be a token from a previous page');
      const limit = wholeNumber(q, 'limit', 1, 50, 25);
      const parsed = parseLookup(
        {
          // One event by ID is looked up over all time; a listing defaults to LookupEvents' last 7 days.
          ...(start ? { startTime: start } : eventId ? { startTime: '1970-01-01T00:00:00Z' } : {}),
          ...(end ? { endTime: end } : {}),
          maxResults: String(limit),
          ...(next ? { nextToken: next } : {}),
          attributes,
        },
        undefined,
        Date.now(),
      );
      if (!parsed.ok)
        return reply.code(400).send({ error: 'invalid-parameter', message: parsed.error.message ?? parsed.error.code });
      const page = await lookupEvents(store, parsed.value);
      return {
        events: page.events.map(eventView),
        ...(page.nextToken ? { next: page.nextToken } : {}),
        startTime: iso(parsed.value.startTime),
        endTime: iso(parsed.value.endTime),
      };
    } catch (e) {
      return badRequest(reply, e);
    }
  });
}
