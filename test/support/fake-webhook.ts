/** A webhook SMS receiver on loopback that verifies resdir's signature and answers as scripted. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/delivery/providers/webhook.js';

export interface ReceivedWebhook {
  id: string;
  to: string;
  text: string;
  code: string;
  signatureOk: boolean;
  headerId: string | undefined;
}

export type WebhookBehaviour = (m: ReceivedWebhook) => { status: number; delayMs?: number; body?: unknown };

export interface FakeWebhook {
  url: string;
  received: ReceivedWebhook[];
  behaviour: WebhookBehaviour;
  close(): Promise<void>;
}

export async function startFakeWebhook(
  secret: string,
  behaviour: WebhookBehaviour = () => ({ status: 200 }),
): Promise<FakeWebhook> {
  const fake: FakeWebhook = { url: '', received: [], behaviour, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const sig = String(req.headers[SIGNATURE_HEADER] ?? '');
      const ts = String(req.headers[TIMESTAMP_HEADER] ?? '');
      const json = JSON.parse(body) as Record<string, string>;
      const m: ReceivedWebhook = {
        id: json.id!,
        to: json.to!,
        text: json.text!,
        code: json.code!,
        signatureOk: verifyWebhookSignature(secret, ts, body, sig, Date.now()),
        headerId: req.headers['x-resdir-message-id'] as string | undefined,
      };
      fake.received.push(m);
      const { status, delayMs = 0, body: reply } = m.signatureOk ? fake.behaviour(m) : { status: 401 };
      setTimeout(() => {
        if (res.destroyed) return;
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(reply ?? { ok: status < 300 }));
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
