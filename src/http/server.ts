import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { Counter, Histogram, type Registry } from 'prom-client';
import { failure, type ApiFailure } from '../errors/catalog.js';
import { newRequestId } from '../lib/ids.js';
import { errorResponse, type WireResponse } from '../protocol/envelope.js';
import type { WireRequest } from '../protocol/request.js';
import { handleRpc, type RpcDeps, type RpcOutcome } from './rpc.js';
import { registerAdminRoutes, type AdminDeps } from './admin.js';
import { isStoreUnavailable } from '../store/unavailable.js';
import { arrivedOverTls, type DualProtocol } from './dual-port.js';
import { BodyBudget, BodyBudgetExceeded, readBody } from './body-reader.js';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const RPC_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const;

declare module 'fastify' {
  interface FastifyRequest {
    rpcOutcome?: RpcOutcome;
  }
}

function pairsOf(raw: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

function wireOf(req: FastifyRequest): WireRequest {
  return {
    method: req.method,
    url: req.raw.url ?? '/',
    headers: pairsOf(req.raw.rawHeaders),
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}

const hostIdOf = (req: FastifyRequest): string => {
  const h = req.headers.host;
  return typeof h === 'string' && h.length <= 255 ? h : 'resdir';
};

/**
 * The HTTP server: Alibaba RPC at `/` (GET/POST; other methods get UnsupportedHTTPMethod), resdir's
 * own endpoints under /_resdir/, and Alibaba-style errors for everything else. One log line per
 * request, with no parameters (they may carry a verification code).
 */
export function buildServer(
  log: Logger,
  rpc: RpcDeps,
  admin: Omit<AdminDeps, 'metrics'>,
  metrics: Registry,
  /** When given, the port answers TLS too (src/http/dual-port.ts). */
  tls?: DualProtocol,
  /** The bytes of request bodies held in memory at once, across all connections. */
  bodyBudget: BodyBudget = new BodyBudget(64 * BODY_LIMIT_BYTES),
): FastifyInstance {
  const app = Fastify({
    ...(tls ? { serverFactory: tls.serverFactory } : {}),
    loggerInstance: log as unknown as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => newRequestId(),
    bodyLimit: BODY_LIMIT_BYTES,
    exposeHeadRoutes: false,
    return503OnClosing: true,
    // Errors Fastify raises before routing (a malformed URL, a bad header) get the same envelope.
    frameworkErrors: (error, req, reply) => {
      const f = failure('InvalidParameter', `The request could not be read: ${error.message}.`);
      const r = errorResponse(String(req.id), hostIdOf(req as unknown as FastifyRequest), f);
      void (reply as unknown as import('fastify').FastifyReply).code(r.status).headers(r.headers).send(r.body);
    },
  });
  const requests = new Counter({
    name: 'resdir_api_requests_total',
    help: 'API calls by action and result code',
    labelNames: ['action', 'code'],
    registers: [metrics],
  });
  const latency = new Histogram({
    name: 'resdir_api_request_seconds',
    help: 'API call latency',
    labelNames: ['action'],
    registers: [metrics],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3],
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => readBody(payload, BODY_LIMIT_BYTES, bodyBudget, done));

  const send = (reply: import('fastify').FastifyReply, r: WireResponse) =>
    reply.code(r.status).headers(r.headers).send(r.body);

  app.route({
    method: [...RPC_METHODS],
    url: '/',
    handler: async (req, reply) => {
      const meta = {
        requestId: req.id,
        sourceIp: req.ip,
        hostId: hostIdOf(req),
        secureTransport: arrivedOverTls(req.raw),
      };
      const outcome = await handleRpc(wireOf(req), meta, rpc);
      req.rpcOutcome = outcome;
      return send(reply, outcome.response);
    },
  });

  registerAdminRoutes(app, { ...admin, metrics });

  app.setNotFoundHandler((req, reply) =>
    send(
      reply,
      errorResponse(
        req.id,
        hostIdOf(req),
        failure(
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method: RPC calls go to the path /.',
        ),
      ),
    ),
  );

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, req, reply) => {
    let f: ApiFailure;
    if (error instanceof BodyBudgetExceeded) {
      // The rest of the body is not read: the connection closes once the answer is out.
      reply.header('connection', 'close');
      reply.raw.once('finish', () => req.raw.destroy());
      f = failure('ServiceUnavailable', error.message);
    } else if (error.statusCode === 413)
      f = failure('Request.BodyTooLarge', `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`);
    else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
      f = failure('InvalidParameter', `The request could not be read: ${error.message ?? 'malformed request'}.`);
    else if (isStoreUnavailable(error)) f = failure('ServiceUnavailable');
    else {
      req.log.error({ err: error }, 'internal error');
      f = failure('InternalError');
    }
    return send(reply, errorResponse(req.id, hostIdOf(req), f));
  });

  app.addHook('onResponse', async (req, reply) => {
    const o = req.rpcOutcome;
    const action = o?.action ?? (req.url.startsWith('/_resdir/') ? (req.routeOptions.url ?? 'admin') : 'unknown');
    const ms = reply.elapsedTime;
    if (o) {
      requests.inc({ action, code: o.code ?? 'OK' });
      latency.observe({ action }, ms / 1000);
    }
    req.log.info(
      {
        method: req.method,
        path: req.url.split('?')[0],
        action,
        status: reply.statusCode,
        code: o?.code,
        principal: o?.principal,
        ip: req.ip,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });

  return app;
}
