/**
 * Captures the exact bytes an official SDK sends, without forwarding them anywhere: a loopback
 * server that records each request and answers a minimal success. Replaying the capture to a
 * replica is then byte for byte what a network attacker (or a retrying proxy) could send.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export async function captureOne(send: (host: string, url: string) => Promise<unknown>): Promise<Captured> {
  let captured: Captured | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
      captured = { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'CAPTURED' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  try {
    await send(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  if (!captured) throw new Error('the SDK sent nothing');
  return captured;
}

/** Sends a captured request, unchanged (Host header included), to `url`; resolves with status and parsed body. */
export function replayTo(url: string, rec: Captured): Promise<{ status: number; body: Record<string, unknown> }> {
  const port = Number(new URL(url).port);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: rec.method, path: rec.url, headers: rec.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(rec.body);
  });
}
