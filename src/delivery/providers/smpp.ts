import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { PermanentSmsError, type ReceiptSink, type SmsMessage, type SmsProvider } from '../provider.js';
import { encodingFor, segmentCount } from '../encoding.js';
import { parseSmppReceipt, type ReceiptPdu } from '../smpp-receipt.js';

const require = createRequire(import.meta.url);

/** The slice of the `smpp` package resdir uses (it ships no types). */
export interface SmppPdu extends ReceiptPdu {
  command: string;
  command_status: number;
  message_id?: string;
  response(o?: Record<string, unknown>): SmppPdu;
}
export interface SmppSession {
  on(event: string, fn: (x: SmppPdu & Error) => void): void;
  send(pdu: SmppPdu): boolean;
  close(): void;
  destroy(): void;
  [command: string]: unknown;
}
interface SmppModule {
  connect(o: Record<string, unknown>): SmppSession;
  addTLV(name: string, o: { id: number; type: unknown }): void;
  types: { tlv: { cstring: unknown } };
  tlvs: Record<string, unknown>;
}

/** Vendor-specific TLV (SMPP 3.4 range 0x1400–0x3FFF) carrying our outbox message id to the SMSC. */
export const RESDIR_MESSAGE_ID_TLV = { name: 'resdir_message_id', id: 0x1400 } as const;

export function loadSmpp(): SmppModule {
  const smpp = require('smpp') as SmppModule;
  if (!smpp.tlvs[RESDIR_MESSAGE_ID_TLV.name])
    smpp.addTLV(RESDIR_MESSAGE_ID_TLV.name, { id: RESDIR_MESSAGE_ID_TLV.id, type: smpp.types.tlv.cstring });
  return smpp;
}

export interface SmppOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  bindMode: 'transmitter' | 'transceiver';
  sourceAddr: string;
  window: number; // submit_sm awaiting their response at once
  enquireLinkSeconds: number;
  responseTimeoutMs: number;
  /** How long a send waits for a (re)bind before failing over to the next provider. */
  bindWaitMs: number;
}

/** submit_sm_resp statuses that no retry can fix (the number or the message is wrong). */
const PERMANENT_STATUS = new Set([
  0x01 /* RINVMSGLEN */, 0x0b /* RINVDSTADR */, 0x50 /* RINVDSTTON */, 0x51 /* RINVDSTNPI */,
]);

const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/**
 * SMPP 3.4 through the `smpp` package. One session, bound as transmitter or transceiver, kept
 * alive with enquire_link (unanswered for a whole interval = a dead link) and re-established with exponential backoff
 * (0.5 s doubling to 30 s,
 * with jitter) whenever it drops. Each SMS is one submit_sm with registered_delivery = 1, GSM-7
 * (data_coding 0) or UCS-2 (8) chosen by content, in short_message when it fits one segment and
 * message_payload otherwise, and our message id in the resdir_message_id TLV (0x1400).
 * At most `window` submits await their response at once. In transceiver mode, deliver_sm
 * receipts are answered and reported to the sink (transmitter mode receives none).
 *
 * Outcomes: submit_sm_resp 0 = sent (message_id = provider id); invalid destination / length =
 * permanent; throttling (0x58), queue full and every other status, a dropped connection, a
 * link being re-established, no first bind within bindWaitMs and no response within
 * responseTimeoutMs = retryable.
 */
export function smppProvider(opts: SmppOptions, log: Logger): SmppProvider {
  return new SmppProvider(opts, log);
}

export class SmppProvider implements SmsProvider {
  readonly name = 'smpp';
  private readonly smpp = loadSmpp();
  private session: SmppSession | undefined;
  private bound = false;
  private closed = true;
  /** The link dropped or could not be made and is being re-established: sends fail at once. */
  private down = false;
  private backoff = 500;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private bindWaiters: Array<() => void> = [];
  private inFlight = 0;
  private windowWaiters: Array<() => void> = [];
  private pending = new Set<(e: Error) => void>();
  private sink: ReceiptSink | undefined;
  /** Binds so far (for tests and logs). */
  binds = 0;

  constructor(
    private readonly opts: SmppOptions,
    private readonly log: Logger,
  ) {}

  start(sink: ReceiptSink): void {
    this.sink = sink;
    this.closed = false;
    this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const s = this.session;
    this.session = undefined;
    if (s && this.bound) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, 1000);
        (s.unbind as (o: object, cb: () => void) => void)({}, () => {
          clearTimeout(t);
          r();
        });
      });
    }
    this.bound = false;
    s?.destroy();
  }

  private connect(): void {
    const s = this.smpp.connect({ host: this.opts.host, port: this.opts.port });
    this.session = s;
    s.on('connect', () => {
      const bind = (this.opts.bindMode === 'transceiver' ? s.bind_transceiver : s.bind_transmitter) as (
        o: object,
        cb: (p: SmppPdu) => void,
      ) => void;
      bind.call(s, { system_id: this.opts.systemId, password: this.opts.password, interface_version: 0x34 }, (pdu) => {
        if (pdu.command_status !== 0) {
          this.log.error({ status: hex(pdu.command_status) }, 'SMPP bind refused');
          s.destroy();
          return;
        }
        this.bound = true;
        this.down = false;
        this.binds++;
        this.backoff = 500;
        this.log.info({ host: this.opts.host, port: this.opts.port, mode: this.opts.bindMode }, 'SMPP bound');
        this.keepAlive(s);
        for (const w of this.bindWaiters.splice(0)) w();
      });
    });
    s.on('enquire_link', (pdu) => void s.send(pdu.response()));
    // Receipts come in deliver_sm (or data_sm); other deliver_sm (mobile-originated) are acknowledged and dropped.
    for (const command of ['deliver_sm', 'data_sm']) {
      s.on(command, (pdu) => {
        s.send(pdu.response());
        const r = parseSmppReceipt(pdu);
        if (r) this.sink?.(r);
      });
    }
    s.on('unbind', (pdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('error', (e) => this.log.warn({ err: e.message }, 'SMPP connection error'));
    s.on('close', () => {
      if (this.session !== s && this.session !== undefined) return;
      this.bound = false;
      for (const fail of [...this.pending]) fail(new Error('SMPP connection lost before submit_sm_resp'));
      if (this.closed) return;
      this.down = true;
      const delay = Math.round(this.backoff * (0.5 + Math.random() / 2));
      this.backoff = Math.min(30_000, this.backoff * 2);
      this.log.warn({ retryInMs: delay }, 'SMPP connection closed; reconnecting');
      this.reconnectTimer = setTimeout(() => this.connect(), delay);
      this.reconnectTimer.unref();
    });
  }

  /** enquire_link every period; one left unanswered for a whole period means a dead link: reconnect. */
  private keepAlive(s: SmppSession): void {
    let unanswered = false;
    const timer = setInterval(() => {
      if (unanswered) {
        this.log.warn({ host: this.opts.host, port: this.opts.port }, 'SMPP enquire_link unanswered; reconnecting');
        clearInterval(timer);
        s.destroy();
        return;
      }
      unanswered = true;
      (s.enquire_link as (o: object, cb: () => void) => void)({}, () => (unanswered = false));
    }, this.opts.enquireLinkSeconds * 1000);
    timer.unref();
    s.on('close', () => clearInterval(timer));
  }

  private async whenBound(): Promise<void> {
    if (this.bound) return;
    if (this.closed) throw new Error('SMPP provider is not started');
    // While reconnecting, fail fast so the chain moves on; the first bind after start is awaited.
    if (this.down) throw new Error(`SMPP link to ${this.opts.host}:${this.opts.port} is down; reconnecting`);
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        this.bindWaiters = this.bindWaiters.filter((w) => w !== done);
        reject(new Error(`SMPP not bound to ${this.opts.host}:${this.opts.port} within ${this.opts.bindWaitMs} ms`));
      }, this.opts.bindWaitMs);
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      this.bindWaiters.push(done);
    });
  }

  private async slot(): Promise<() => void> {
    while (this.inFlight >= this.opts.window) await new Promise<void>((r) => this.windowWaiters.push(r));
    this.inFlight++;
    return () => {
      this.inFlight--;
      this.windowWaiters.shift()?.();
    };
  }

  async send(m: SmsMessage): Promise<{ providerMessageId: string }> {
    await this.whenBound();
    const release = await this.slot();
    try {
      const pdu = await this.submit(m);
      if (pdu.command_status === 0 && pdu.message_id) return { providerMessageId: pdu.message_id };
      const why = `submit_sm refused with status ${hex(pdu.command_status)}`;
      if (PERMANENT_STATUS.has(pdu.command_status)) throw new PermanentSmsError(why, hex(pdu.command_status));
      throw new Error(why);
    } finally {
      release();
    }
  }

  private submit(m: SmsMessage): Promise<SmppPdu> {
    const s = this.session;
    if (!s || !this.bound) return Promise.reject(new Error('SMPP connection lost'));
    const alnum = !/^\+?\d+$/.test(this.opts.sourceAddr);
    const body = segmentCount(m.text) === 1 ? { short_message: m.text } : { message_payload: m.text };
    return new Promise<SmppPdu>((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(t);
        this.pending.delete(fail);
        reject(e);
      };
      const t = setTimeout(
        () => fail(new Error(`no submit_sm_resp within ${this.opts.responseTimeoutMs} ms`)),
        this.opts.responseTimeoutMs,
      );
      this.pending.add(fail);
      const ok = (s.submit_sm as (o: object, cb: (p: SmppPdu) => void) => boolean).call(
        s,
        {
          source_addr_ton: alnum ? 5 : 1,
          source_addr_npi: alnum ? 0 : 1,
          source_addr: this.opts.sourceAddr.replace(/^\+/, ''),
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: m.to.replace(/^\+/, ''),
          registered_delivery: 1,
          data_coding: encodingFor(m.text) === 'gsm7' ? 0x00 : 0x08,
          ...body,
          [RESDIR_MESSAGE_ID_TLV.name]: m.id,
        },
        (pdu) => {
          clearTimeout(t);
          this.pending.delete(fail);
          resolve(pdu);
        },
      );
      if (!ok) fail(new Error('SMPP connection not writable'));
    });
  }
}
