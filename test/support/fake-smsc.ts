/** A fake SMSC on loopback built with the same `smpp` package: binds, submit_sm, receipts, faults. */
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { loadSmpp, RESDIR_MESSAGE_ID_TLV, type SmppPdu, type SmppSession } from '../../src/delivery/providers/smpp.js';

const require = createRequire(import.meta.url);

export interface Submitted {
  to: string;
  text: string;
  dataCoding: number;
  registeredDelivery: number;
  resdirMessageId: string | undefined;
  messageId: string;
  viaPayload: boolean;
}

/** What the SMSC does with the next submit_sm: accept, refuse with a status, or drop the connection. */
export type SubmitAction =
  | { kind: 'ok'; receipt?: 'DELIVRD' | 'UNDELIV' | 'none'; receiptDelayMs?: number; responseDelayMs?: number }
  | { kind: 'status'; status: number }
  | { kind: 'drop' };

export interface FakeSmsc {
  port: number;
  submitted: Submitted[];
  binds: Array<{ command: string; systemId: string }>;
  enquireLinks: number;
  /** Most submit_sm received and not yet answered at one time. */
  maxOutstanding: number;
  /** false: enquire_link goes unanswered (a link that died without closing). */
  answerEnquireLinks: boolean;
  next: (s: Submitted) => SubmitAction;
  close(): Promise<void>;
}

export async function startFakeSmsc(credentials: { systemId: string; password: string }): Promise<FakeSmsc> {
  loadSmpp(); // registers the resdir_message_id TLV in the shared package
  const smpp = require('smpp') as {
    createServer(fn: (s: SmppSession) => void): import('node:net').Server;
    PDU: new (c: string, o: object) => SmppPdu;
  };
  let seq = 1000;
  const sessions = new Set<SmppSession>();
  let outstanding = 0;
  const fake: FakeSmsc = {
    port: 0,
    submitted: [],
    binds: [],
    enquireLinks: 0,
    maxOutstanding: 0,
    answerEnquireLinks: true,
    next: () => ({ kind: 'ok' }),
    close: async () => undefined,
  };
  const server = smpp.createServer((session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
    for (const bind of ['bind_transceiver', 'bind_transmitter']) {
      session.on(bind, (pdu) => {
        const p = pdu as unknown as { system_id: string; password: string };
        fake.binds.push({ command: bind, systemId: p.system_id });
        const ok = p.system_id === credentials.systemId && p.password === credentials.password;
        session.send(pdu.response({ command_status: ok ? 0 : 0x0e, system_id: 'fake-smsc' }));
        if (!ok) session.close();
      });
    }
    session.on('enquire_link', (pdu) => {
      fake.enquireLinks++;
      if (fake.answerEnquireLinks) session.send(pdu.response());
    });
    session.on('unbind', (pdu) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu) => {
      const p = pdu as unknown as Record<string, unknown>;
      const payload = (p.message_payload ?? p.short_message) as { message: string };
      const s: Submitted = {
        to: String(p.destination_addr),
        text: payload.message,
        dataCoding: Number(p.data_coding),
        registeredDelivery: Number(p.registered_delivery),
        resdirMessageId: p[RESDIR_MESSAGE_ID_TLV.name] as string | undefined,
        messageId: String(++seq),
        viaPayload: p.message_payload !== undefined,
      };
      fake.submitted.push(s);
      const action = fake.next(s);
      if (action.kind === 'drop') return session.destroy();
      if (action.kind === 'status') return void session.send(pdu.response({ command_status: action.status }));
      fake.maxOutstanding = Math.max(fake.maxOutstanding, ++outstanding);
      setTimeout(() => {
        outstanding--;
        session.send(pdu.response({ message_id: s.messageId }));
        if (action.receipt !== 'none' && s.registeredDelivery) receipt(s, action);
      }, action.responseDelayMs ?? 0);
    });
    const receipt = (s: Submitted, action: Extract<SubmitAction, { kind: 'ok' }>) => {
      const stat = action.receipt ?? 'DELIVRD';
      setTimeout(() => {
        const text =
          `id:${s.messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2611291200 ` +
          `done date:2611291200 stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`;
        session.send(
          new smpp.PDU('deliver_sm', {
            source_addr: s.to,
            destination_addr: 'resdir',
            esm_class: 0x04,
            short_message: text,
            receipted_message_id: s.messageId,
            message_state: stat === 'DELIVRD' ? 2 : 5,
          }),
        );
      }, action.receiptDelayMs ?? 5);
    };
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  fake.port = (server.address() as AddressInfo).port;
  fake.close = () =>
    new Promise<void>((r) => {
      for (const s of sessions) s.destroy();
      server.close(() => r());
    });
  return fake;
}
