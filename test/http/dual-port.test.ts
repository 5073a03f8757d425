/**
 * The one-port server on its own (a bare Fastify app): silent connections are closed, closing the
 * server does not wait for connections still being sorted, a renewed certificate is presented to
 * new handshakes, and the server's timeouts are the ones Fastify was given.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { arrivedOverTls, dualProtocol } from '../../src/http/dual-port.js';
import { createCa, issueServerCertificate } from '../../src/tls/certificates.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function serve(opts: { keepAliveTimeout?: number } = {}) {
  const ca = await createCa('test CA', Date.now(), 30);
  const leaf = await issueServerCertificate(ca, ['127.0.0.1'], Date.now(), 30);
  const dual = dualProtocol({ cert: leaf.certPem, key: leaf.keyPem });
  const app = Fastify({ serverFactory: dual.serverFactory, ...opts });
  app.get('/', async (req) => ({ tls: arrivedOverTls(req.raw) }));
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as net.AddressInfo).port;
  return { app, dual, ca, port };
}

const closed = (socket: net.Socket, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });

function tlsConnect(port: number, ca: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, ca }, () => resolve(s));
    s.once('error', reject);
  });
}

describe('dualProtocol', () => {
  it('tells TLS from plain HTTP per request', async () => {
    const { port, ca } = await serve();
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).json()).toEqual({ tls: false });
    const s = await tlsConnect(port, ca.certPem);
    s.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    let body = '';
    s.setEncoding('utf8').on('data', (d: string) => (body += d));
    await new Promise((r) => s.once('end', r));
    expect(body).toContain('{"tls":true}');
  });

  it('closes a connection that never sends a byte after the headers timeout', async () => {
    const { app, port } = await serve();
    app.server.headersTimeout = 300;
    const silent = net.connect(port, '127.0.0.1');
    silent.on('error', () => undefined);
    expect(await closed(silent, 10_000)).toBe(true);
  });

  it('closing the server drops connections still being sorted instead of waiting for them', async () => {
    const { app, port } = await serve();
    const silent = net.connect(port, '127.0.0.1');
    silent.on('error', () => undefined);
    await new Promise((r) => silent.once('connect', r));
    const done = closed(silent, 10_000);
    await app.close();
    apps.splice(0);
    expect(await done).toBe(true);
  });

  it('new handshakes get a renewed certificate; the timeouts are the ones given to Fastify', async () => {
    const { dual, port, ca, app } = await serve({ keepAliveTimeout: 1234 });
    expect(app.server.keepAliveTimeout).toBe(1234);
    const before = await tlsConnect(port, ca.certPem);
    const first = before.getPeerX509Certificate()!.serialNumber;
    before.destroy();
    const next = await issueServerCertificate(ca, ['127.0.0.1'], Date.now(), 30);
    dual.setIdentity({ cert: next.certPem, key: next.keyPem });
    const after = await tlsConnect(port, ca.certPem);
    const second = after.getPeerX509Certificate()!.serialNumber;
    after.destroy();
    expect(second).not.toBe(first);
    expect(second).toBe(new X509Certificate(next.certPem).serialNumber);
  });
});
