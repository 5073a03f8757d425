/**
 * One port, two protocols. Fastify's `serverFactory` gets an http.Server whose raw connections are
 * sorted by their first byte: 0x16 (a TLS handshake record) goes through a TLS server that is never
 * listening itself; anything else is plain HTTP. Both end up in the same http.Server, so the same
 * Fastify app, the same timeouts (keepAliveTimeout, requestTimeout, headersTimeout, the socket
 * timeout) and the same connection cap (maxConnections counts the accepted TCP connections) apply
 * to both; `request.socket.encrypted` tells them apart.
 *
 * A connection that sends nothing is closed after headersTimeout, as is a TLS handshake that
 * does not finish in that time. Closing the server also drops connections still being sorted.
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import tls, { TLSSocket } from 'node:tls';
import type { FastifyHttpOptions, FastifyServerFactory } from 'fastify';
import type { TlsIdentity } from '../tls/setup.js';

const TLS_HANDSHAKE_RECORD = 0x16;

/** True exactly when the request arrived over TLS. */
export const arrivedOverTls = (req: IncomingMessage): boolean => req.socket instanceof TLSSocket;

export interface DualProtocol {
  serverFactory: FastifyServerFactory;
  /** New handshakes present this certificate (renewal); connections already open keep theirs. */
  setIdentity(identity: TlsIdentity): void;
}

type Listener = (socket: Socket) => void;

export function dualProtocol(initial: TlsIdentity): DualProtocol {
  let identity = initial;
  const tlsServers = new Set<tls.Server>();

  const serverFactory: FastifyServerFactory = (handler, opts) => {
    // The settings Fastify applies to its own http.Server when no factory is given.
    const o = opts as FastifyHttpOptions<http.Server>;
    const server = http.createServer(o.http ?? {}, handler);
    server.keepAliveTimeout = o.keepAliveTimeout ?? 72_000;
    server.requestTimeout = o.requestTimeout ?? 0;
    server.setTimeout(o.connectionTimeout ?? 0);
    if ((o.maxRequestsPerSocket ?? 0) > 0) server.maxRequestsPerSocket = o.maxRequestsPerSocket!;

    const tlsServer = tls.createServer({
      ...identity,
      ALPNProtocols: ['http/1.1'],
      handshakeTimeout: server.headersTimeout || 60_000,
    });
    tlsServers.add(tlsServer);
    server.once('close', () => tlsServers.delete(tlsServer));

    // http.Server's own connection handling, called with plain sockets and with TLS sockets.
    const httpListeners = server.listeners('connection') as Listener[];
    server.removeAllListeners('connection');
    const toHttp = (socket: Socket) => {
      for (const l of httpListeners) l.call(server, socket);
    };
    const sorting = new Set<Socket>();

    tlsServer.on('secureConnection', (socket: TLSSocket) => {
      // `_parent` is the raw socket a TLSSocket wraps (not in the typings); without it the raw
      // socket merely stays listed until it closes.
      const raw = (socket as unknown as { _parent?: Socket })._parent;
      if (raw) sorting.delete(raw);
      toHttp(socket);
    });
    tlsServer.on('tlsClientError', (_e, socket) => socket.destroy());

    server.on('connection', (socket: Socket) => {
      sorting.add(socket);
      const timer = setTimeout(() => socket.destroy(), server.headersTimeout || 60_000);
      timer.unref();
      const ignore = () => undefined;
      const done = () => {
        clearTimeout(timer);
        socket.off('readable', onReadable);
        socket.off('close', onClose);
      };
      const onClose = () => {
        done();
        sorting.delete(socket);
      };
      const onReadable = () => {
        const chunk = socket.read() as Buffer | null;
        if (chunk === null) return;
        done();
        socket.unshift(chunk);
        if (chunk[0] === TLS_HANDSHAKE_RECORD) {
          // The TLS socket reads what was put back first; its handshake has its own timeout.
          socket.once('close', () => sorting.delete(socket));
          tlsServer.emit('connection', socket);
        } else {
          sorting.delete(socket);
          socket.off('error', ignore);
          toHttp(socket);
        }
      };
      socket.on('error', ignore); // until a server owns the socket; 'close' follows
      socket.on('readable', onReadable);
      socket.on('close', onClose);
    });

    const close = server.close.bind(server);
    server.close = ((cb?: (err?: Error) => void) => {
      for (const s of sorting) s.destroy();
      return close(cb);
    }) as typeof server.close;
    const closeAll = server.closeAllConnections.bind(server);
    server.closeAllConnections = () => {
      for (const s of sorting) s.destroy();
      closeAll();
    };
    return server;
  };

  return {
    serverFactory,
    setIdentity(next) {
      identity = next;
      for (const s of tlsServers) s.setSecureContext(next);
    },
  };
}
