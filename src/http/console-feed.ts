/**
 * GET /_resdir/api/events: server-sent events that tell an open console when the SMS inbox or the
 * outbox changed (`event: sms` / `event: outbox`, data `{}`); the page then re-reads the JSON
 * endpoint. Changes are found by one shared poll of the store every POLL_MS while at least one
 * console listens, so a message written by any replica sharing the database shows up too. The
 * events carry no data of their own: nothing secret travels on the stream.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ConsoleGuard } from './console-routes.js';
import type { Store } from '../store/ports.js';

export const POLL_MS = 250;
const KEEPALIVE_MS = 15_000;

export function registerConsoleFeed(app: FastifyInstance, deps: { store: Store }, guard: ConsoleGuard): void {
  const listeners = new Set<ServerResponse>();
  let timer: NodeJS.Timeout | undefined;
  let keepalive: NodeJS.Timeout | undefined;
  let last = { sms: '', outbox: '' };
  let polling = false;

  const broadcast = (event: string) => {
    for (const res of listeners) res.write(`event: ${event}\ndata: {}\n\n`);
  };

  const snapshot = async () => {
    const newest = await deps.store.inbox.list(undefined, 1);
    const counts = await deps.store.delivery.statusCounts();
    const top = newest[0];
    return {
      sms: top ? `${top.id}:${top.status}` : '',
      outbox: JSON.stringify(Object.entries(counts).sort()),
    };
  };

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const now = await snapshot();
      if (now.sms !== last.sms) broadcast('sms');
      if (now.outbox !== last.outbox) broadcast('outbox');
      last = now;
    } catch (e) {
      app.log.warn({ err: e }, 'console feed: store poll failed');
    } finally {
      polling = false;
    }
  };

  const stop = () => {
    clearInterval(timer);
    clearInterval(keepalive);
    timer = undefined;
    keepalive = undefined;
  };

  app.get('/_resdir/api/events', { onRequest: guard }, async (req, reply) => {
    if (listeners.size === 0) last = await snapshot();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 1000\n\n');
    listeners.add(res);
    if (!timer) {
      timer = setInterval(() => void poll(), POLL_MS);
      keepalive = setInterval(() => {
        for (const l of listeners) l.write(': keep-alive\n\n');
      }, KEEPALIVE_MS);
    }
    req.raw.on('close', () => {
      listeners.delete(res);
      if (listeners.size === 0) stop();
    });
  });

  // Open streams would hold the server's close for its grace period: end them first.
  app.addHook('preClose', async () => {
    stop();
    for (const res of listeners) res.end();
    listeners.clear();
  });
}
