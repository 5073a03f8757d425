/**
 * Applies the HTTP limits (config/http-settings.ts) to the Node server under Fastify, before it
 * listens. Node enforces the request and headers timeouts from a periodic check; its period is
 * derived from the shortest of the two so that a stalled upload is cut soon after its deadline.
 */
import type { Server } from 'node:http';
import type { HttpSettings } from '../config/http-settings.js';

export function applyHttpLimits(server: Server, s: HttpSettings): void {
  server.requestTimeout = s.httpRequestTimeoutMs;
  server.headersTimeout = s.httpHeadersTimeoutMs;
  server.keepAliveTimeout = s.httpKeepAliveTimeoutMs;
  server.setTimeout(s.httpConnectionTimeoutMs);
  server.maxConnections = s.httpMaxConnections;
  const period = Math.min(s.httpHeadersTimeoutMs, s.httpRequestTimeoutMs) / 4;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    50,
    Math.min(1000, Math.round(period)),
  );
}
