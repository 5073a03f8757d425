/**
 * No caller can pile up connections: a stalled upload (Content-Length 100000, one byte sent) or
 * stalled headers are cut once the request timeout runs out, the server's connection count
 * returns to zero, and connections beyond the cap are closed on arrival. The limits are small
 * here so that the test is quick; the deadlines themselves are never asserted.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir({
    settings: { httpRequestTimeoutMs: 800, httpHeadersTimeoutMs: 400, httpConnectionTimeoutMs: 5000 },
  });
});
afterAll(async () => {
  await h.close();
});

const port = (): number => Number(h.host.split(':')[1]);

/** Opens a socket, writes `text`, and resolves with what the server sent once it closes the socket. */
function stalled(text: string): { closed: Promise<string>; socket: net.Socket } {
  const socket = net.connect(port(), '127.0.0.1');
  let out = '';
  socket.on('data', (d) => (out += d.toString()));
  const closed = new Promise<string>((resolve) => {
    socket.on('close', () => resolve(out));
    socket.on('error', () => undefined);
  });
  socket.write(text);
  return { closed, socket };
}

const connections = (): Promise<number> =>
  new Promise((resolve, reject) => h.app.server.server.getConnections((e, n) => (e ? reject(e) : resolve(n))));

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
}

const UPLOAD =
  'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\na';

describe('slow clients', () => {
  it('stalled uploads are cut and their sockets released', async () => {
    const uploads = Array.from({ length: 20 }, () => stalled(UPLOAD));
    await until(async () => (await connections()) >= 20);
    const answers = await Promise.all(uploads.map((u) => u.closed));
    for (const a of answers) expect(a === '' || /^HTTP\/1\.1 408/.test(a), a.slice(0, 80)).toBe(true);
    await until(async () => (await connections()) === 0);
    expect((await fetch(`${h.url}/_resdir/health`)).status).toBe(200);
  });

  it('stalled headers are cut', async () => {
    const s = stalled('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: appl');
    const answer = await s.closed;
    expect(answer === '' || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  });
});

describe('connection cap', () => {
  it('closes connections beyond the cap on arrival, and serves again once they are gone', async () => {
    const capped = await startResdir({
      settings: { httpMaxConnections: 3, httpRequestTimeoutMs: 800, httpHeadersTimeoutMs: 400 },
    });
    try {
      const p = Number(capped.host.split(':')[1]);
      const open = (): Promise<void> => {
        const s = net.connect(p, '127.0.0.1');
        s.on('error', () => undefined);
        s.resume(); // read what the server sends, so that its close is seen
        s.write('POST / HTTP/1.1\r\nHost: x\r\n');
        return new Promise<void>((resolve) => s.on('close', () => resolve()));
      };
      const held = [open(), open(), open()];
      const count = () =>
        new Promise<number>((resolve, reject) =>
          capped.app.server.server.getConnections((e, n) => (e ? reject(e) : resolve(n))),
        );
      await until(async () => (await count()) === 3);
      await open(); // the fourth: closed on arrival (or, at the latest, by the headers timeout)
      expect(await count()).toBeLessThanOrEqual(3);
      await Promise.all(held);
      expect((await fetch(`${capped.url}/_resdir/health`)).status).toBe(200);
    } finally {
      await capped.close();
    }
  });
});
