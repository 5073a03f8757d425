/**
 * A fake Alibaba Cloud SMS endpoint (dysmsapi 2017-05-25, RPC style) on loopback, for the official
 * SDK pointed at it with protocol 'http'. It answers SendSms and QuerySendDetails in the shapes of
 * the public API; the signature is not checked, only that the request is signed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface SendSmsCall {
  PhoneNumbers: string;
  SignName: string;
  TemplateCode: string;
  TemplateParam: string;
  OutId: string;
  signed: boolean;
}

export interface FakeAliyunSms {
  endpoint: string; // http://127.0.0.1:port
  sendCalls: SendSmsCall[];
  queryCalls: Array<Record<string, string>>;
  /** Code answered to SendSms for a number (PhoneNumbers as sent); default OK. */
  codeFor: (phoneNumbers: string) => string;
  /** SendStatus reported by QuerySendDetails per BizId (1 waiting, 2 failed, 3 delivered); default 1. */
  status: Map<string, { sendStatus: number; errCode: string }>;
  /** BizId given to each OutId. */
  bizIds: Map<string, string>;
  /** Milliseconds SendSms waits before answering (the message is accepted at once). */
  answerDelayMs: number;
  close(): Promise<void>;
}

export async function startFakeAliyunSms(): Promise<FakeAliyunSms> {
  const sent = new Map<string, SendSmsCall & { bizId: string }>();
  const fake: FakeAliyunSms = {
    endpoint: '',
    sendCalls: [],
    queryCalls: [],
    codeFor: () => 'OK',
    status: new Map(),
    answerDelayMs: 0,
    bizIds: new Map(),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const p: Record<string, string> = Object.fromEntries(url.searchParams);
      Object.assign(p, Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      const action = (req.headers['x-acs-action'] as string | undefined) ?? p.Action;
      const signed = typeof req.headers.authorization === 'string' || 'Signature' in p;
      const reply = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const RequestId = randomUUID().toUpperCase();
      if (action === 'SendSms') {
        const call: SendSmsCall = {
          PhoneNumbers: p.PhoneNumbers!,
          SignName: p.SignName!,
          TemplateCode: p.TemplateCode!,
          TemplateParam: p.TemplateParam!,
          OutId: p.OutId!,
          signed,
        };
        fake.sendCalls.push(call);
        const code = fake.codeFor(call.PhoneNumbers);
        if (code === 'HTTP500')
          return reply(500, {
            Code: 'InternalError',
            Message: 'The request processing has failed due to some unknown error.',
            RequestId,
          });
        if (code !== 'OK') return reply(200, { Code: code, Message: `fake refusal ${code}`, RequestId });
        const bizId = `${Date.now()}^${sent.size + 1}`;
        sent.set(bizId, { ...call, bizId });
        fake.bizIds.set(call.OutId, bizId);
        return void setTimeout(
          () => !res.destroyed && reply(200, { Code: 'OK', Message: 'OK', BizId: bizId, RequestId }),
          fake.answerDelayMs,
        );
      }
      if (action === 'QuerySendDetails') {
        fake.queryCalls.push(p);
        // By BizId when given, else every message sent to the number (the real API pages them).
        const matches = p.BizId
          ? [sent.get(p.BizId)].filter((m) => m !== undefined)
          : [...sent.values()].filter((m) => m.PhoneNumbers === p.PhoneNumber);
        const list = matches.map((m) => ({
          PhoneNum: m.PhoneNumbers,
          OutId: m.OutId,
          TemplateCode: m.TemplateCode,
          Content: '(not shown)',
          SendDate: '2026-11-29 20:00:00',
          ReceiveDate: '2026-11-29 20:00:05',
          SendStatus: fake.status.get(m.bizId)?.sendStatus ?? 1,
          ErrCode: fake.status.get(m.bizId)?.errCode ?? '',
        }));
        return reply(200, {
          Code: 'OK',
          Message: 'OK',
          RequestId,
          TotalCount: String(list.length),
          SmsSendDetailDTOs: { SmsSendDetailDTO: list },
        });
      }
      return reply(404, { Code: 'InvalidAction.NotFound', Message: `unknown action ${action}`, RequestId });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}
