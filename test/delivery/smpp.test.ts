import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { systemClock } from '../../src/lib/clock.js';
import { keyringFrom, type Keyring } from '../../src/lib/keyring.js';
import { OutboxWorker, DEFAULT_WORKER_OPTIONS } from '../../src/delivery/worker.js';
import { SmppProvider, type SmppOptions } from '../../src/delivery/providers/smpp.js';
import { receiptSink } from '../../src/delivery/receipts.js';
import { parseSmppReceipt } from '../../src/delivery/smpp-receipt.js';
import { startFakeSmsc, type FakeSmsc } from '../support/fake-smsc.js';

const log = pino({ level: 'silent' });
const CREDS = { systemId: 'resdir', password: 'smpp-pw' };
let store: Store;
let keyring: Keyring;
let smsc: FakeSmsc;
let provider: SmppProvider | undefined;
/** The worker's clock runs this far ahead of the system clock (a test makes a retry due at once). */
let skew = 0;

beforeEach(async () => {
  store = (await openStore('sqlite::memory:')).store;
  keyring = keyringFrom(randomBytes(32));
  smsc = await startFakeSmsc(CREDS);
  skew = 0;
});
afterEach(async () => {
  await provider?.close();
  provider = undefined;
  await smsc.close();
  await store.close();
});

async function enqueue(id: string, to = '+12025550123'): Promise<void> {
  const now = systemClock.now();
  await store.outbox.enqueue({
    id,
    to_phone: to,
    purpose: 'bind-secure-mobile-phone',
    account_id: '1000000000000002',
    payload_enc: keyring.outboxPayloads.seal(
      JSON.stringify({ code: '246802', minutes: 10, purpose: 'bind-secure-mobile-phone' }),
    ),
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    expires_at: now + 600_000,
    created_at: now,
    updated_at: now,
    sent_at: null,
    provider: null,
    provider_message_id: null,
    last_error: null,
  });
}

function start(over: Partial<SmppOptions> = {}) {
  provider = new SmppProvider(
    {
      host: '127.0.0.1',
      port: smsc.port,
      ...CREDS,
      bindMode: 'transceiver',
      sourceAddr: 'resdir',
      window: 4,
      enquireLinkSeconds: 1,
      responseTimeoutMs: 2000,
      bindWaitMs: 3000,
      ...over,
    },
    log,
  );
  const sink = receiptSink('smpp', { delivery: store.delivery, clock: systemClock, log });
  provider.start(sink);
  const worker = new OutboxWorker(
    store.outbox,
    provider,
    keyring,
    { now: () => systemClock.now() + skew },
    log,
    { ...DEFAULT_WORKER_OPTIONS, leaseMs: 5_000 },
    { delivery: store.delivery },
  );
  return { worker, sink };
}

async function until(cond: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('smpp provider against a fake SMSC (same smpp package)', () => {
  it('binds as transceiver, submits asking a receipt, our id in a TLV; the receipt marks it delivered', async () => {
    const { worker } = start();
    await enqueue('m-1');
    await worker.pass();
    expect(smsc.binds).toEqual([{ command: 'bind_transceiver', systemId: 'resdir' }]);
    expect(smsc.submitted).toMatchObject([
      { to: '12025550123', registeredDelivery: 1, dataCoding: 0, resdirMessageId: 'm-1', viaPayload: false },
    ]);
    expect(smsc.submitted[0]!.text).toContain('246802');
    const m = await store.outbox.get('m-1');
    expect(m).toMatchObject({ provider: 'smpp', provider_message_id: smsc.submitted[0]!.messageId });
    await until(async () => (await store.outbox.get('m-1'))!.status === 'delivered');
  });

  it('UCS-2 for a Chinese text; an undelivered receipt marks it undelivered', async () => {
    smsc.next = () => ({ kind: 'ok', receipt: 'UNDELIV' });
    const { worker } = start();
    await enqueue('m-zh', '+8613900001234');
    await worker.pass();
    expect(smsc.submitted[0]).toMatchObject({ dataCoding: 8, to: '8613900001234' });
    expect(smsc.submitted[0]!.text).toContain('验证码');
    await until(async () => (await store.outbox.get('m-zh'))!.status === 'undelivered');
  });

  it('binds as transmitter when configured', async () => {
    const { worker } = start({ bindMode: 'transmitter' });
    await enqueue('m-tx');
    await worker.pass();
    expect(smsc.binds[0]!.command).toBe('bind_transmitter');
    expect((await store.outbox.get('m-tx'))!.status).toBe('sent');
  });

  it('a throttling error (ESME_RTHROTTLED) is retried; an invalid destination is permanent', async () => {
    const plan = [
      { kind: 'status', status: 0x58 },
      { kind: 'status', status: 0x0b },
    ] as const;
    smsc.next = () => plan[smsc.submitted.length - 1] ?? { kind: 'ok' };
    const { worker } = start();
    await enqueue('m-throttled');
    await worker.pass();
    await enqueue('m-bad');
    await worker.pass();
    expect(await store.outbox.get('m-throttled')).toMatchObject({
      status: 'queued',
      last_error: 'submit_sm refused with status 0x0058',
    });
    expect(await store.outbox.get('m-bad')).toMatchObject({
      status: 'failed',
      last_error: 'submit_sm refused with status 0x000b',
    });
  });

  it('a dropped connection fails the send as retryable; the provider rebinds and the retry goes through', async () => {
    smsc.next = () => (smsc.submitted.length === 1 ? { kind: 'drop' } : { kind: 'ok' });
    const { worker } = start();
    await enqueue('m-drop');
    await worker.pass();
    expect(await store.outbox.get('m-drop')).toMatchObject({
      status: 'queued',
      last_error: expect.stringMatching(/connection lost/),
    });
    await until(() => provider!.binds >= 2);
    skew = 120_000; // the retry is due
    await worker.pass();
    expect((await store.outbox.get('m-drop'))!.provider_message_id).toBe(smsc.submitted[1]!.messageId);
    expect(smsc.submitted.map((s) => s.resdirMessageId)).toEqual(['m-drop', 'm-drop']);
    expect((await store.delivery.attemptsOf('m-drop')).map((a) => a.outcome)).toEqual(['retry', 'sent']);
  });

  it('keeps the link alive with enquire_link, and rebinds when enquire_link goes unanswered', async () => {
    start();
    await until(() => smsc.enquireLinks >= 2, 4000);
    expect(provider!.binds).toBe(1);
    smsc.answerEnquireLinks = false;
    await until(() => provider!.binds >= 2, 6000);
  });

  it('the window bounds the submits awaiting a response', async () => {
    smsc.next = () => ({ kind: 'ok', responseDelayMs: 40 });
    const { worker } = start({ window: 2 });
    for (let i = 0; i < 6; i++) await enqueue(`m-w${i}`);
    await worker.pass();
    expect(smsc.submitted).toHaveLength(6);
    expect(smsc.maxOutstanding).toBe(2);
    const counts = await store.delivery.statusCounts(); // one read: receipts move messages meanwhile
    expect((counts.sent ?? 0) + (counts.delivered ?? 0)).toBe(6);
  });

  it('a long text goes in message_payload', async () => {
    const p = new SmppProvider(
      {
        host: '127.0.0.1',
        port: smsc.port,
        ...CREDS,
        bindMode: 'transceiver',
        sourceAddr: '12345',
        window: 1,
        enquireLinkSeconds: 30,
        responseTimeoutMs: 2000,
        bindWaitMs: 3000,
      },
      log,
    );
    p.start(() => undefined);
    await p.send({
      id: 'm-long',
      to: '+12025550123',
      text: 'x'.repeat(200),
      purpose: 'p',
      accountId: 'a',
      params: { code: '1', minutes: 1 },
    });
    await p.close();
    expect(smsc.submitted.at(-1)).toMatchObject({ viaPayload: true, resdirMessageId: 'm-long' });
  });
});

describe('SMPP receipt parsing', () => {
  it('reads TLVs, falls back to the receipt text, ignores non-receipts', () => {
    expect(
      parseSmppReceipt({
        esm_class: 0x04,
        receipted_message_id: '77',
        message_state: 2,
        short_message: { message: 'id:77 stat:DELIVRD err:000' },
      }),
    ).toEqual({ providerMessageId: '77', state: 'delivered', detail: 'stat:DELIVRD err:000' });
    expect(
      parseSmppReceipt({
        esm_class: 0x04,
        short_message: {
          message:
            'id:0A1B sub:001 dlvrd:000 submit date:2611291200 done date:2611291201 stat:EXPIRED err:012 text:secret',
        },
      }),
    ).toEqual({ providerMessageId: '0A1B', state: 'undelivered', detail: 'stat:EXPIRED err:012' });
    expect(parseSmppReceipt({ esm_class: 0x04, short_message: 'id:9 stat:ACCEPTD err:000' })!.state).toBe('accepted');
    expect(parseSmppReceipt({ esm_class: 0x00, short_message: { message: 'id:1 stat:DELIVRD' } })).toBeUndefined();
  });
});
