/**
 * Who may call resdir's own endpoints under /_resdir/.
 *
 * - development: loopback clients, or any client presenting `Authorization: Bearer <RESDIR_ADMIN_TOKEN>`.
 * - production: only clients presenting the token, whatever the socket address (a reverse proxy on
 *   the same host makes every client look like loopback); without a token set, nobody.
 * `health` is open in production (load balancers probe it) and loopback-or-token in development;
 * the signed receipts endpoint has its own HMAC check and is not guarded here.
 *
 * Tokens are compared in constant time: both sides are hashed (fixed length) and compared with
 * crypto.timingSafeEqual, so neither the content nor the length of the token leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface GuardOptions {
  adminToken?: string;
  production: boolean;
}

const isLoopback = (ip: string | undefined): boolean =>
  ip !== undefined && (ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.'));

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time equality of a presented secret with the expected one. */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The bearer token of the request, if it carries exactly one well-formed Authorization header. */
function bearerOf(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth !== 'string' || !auth.startsWith('Bearer ')) return undefined;
  return auth.slice('Bearer '.length);
}

export type Guard = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

export function adminGuard(opts: GuardOptions, endpoint: 'other'): Guard;
export function adminGuard(opts: GuardOptions, endpoint: 'health'): Guard | undefined;
export function adminGuard(opts: GuardOptions, endpoint: 'health' | 'other'): Guard | undefined {
  if (opts.production && endpoint === 'health') return undefined;
  return async (req, reply) => {
    const bearer = bearerOf(req);
    const hasToken = opts.adminToken !== undefined && bearer !== undefined && tokenMatches(bearer, opts.adminToken);
    if (hasToken) return;
    if (!opts.production && isLoopback(req.socket.remoteAddress)) return;
    await reply.code(403).send({
      error: 'forbidden',
      message: opts.production
        ? '/_resdir/ answers only clients presenting RESDIR_ADMIN_TOKEN in production mode'
        : '/_resdir/ answers loopback clients, or clients presenting RESDIR_ADMIN_TOKEN',
    });
  };
}
