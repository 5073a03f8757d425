import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { systemClock, type Clock } from '../../src/lib/clock.js';
import { keyringFrom, type Keyring } from '../../src/lib/keyring.js';
import { OutboxWorker, DEFAULT_WORKER_OPTIONS } from '../../src/delivery/worker.js';
import { aliyunPhone, aliyunSmsProvider } from '../../src/delivery/providers/aliyun-sms.js';
import { receiptSink } from '../../src/delivery/receipts.js';
import { startFakeAliyunSms, type FakeAliyunSms } from '../support/fake-aliyun-sms.js';

const log = pino({ level: 'silent' });
let store: Store;
let keyring: Keyring;
let fake: FakeAliyunSms;

beforeEach(async () => {
  store = (await openStore('sqlite::memory:')).store;
  keyring = keyringFrom(randomBytes(32));
  fake = await startFakeAliyunSms();
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

async function enqueue(id: string, to: string): Promise<void> {
  const now = systemClock.now();
  await store.outbox.enqueue({
    id,
    to_phone: to,
    purpose: 'bind-secure-mobile-phone',
    account_id: '1000000000000002',
    payload_enc: keyring.outboxPayloads.seal(
      JSON.stringify({ code: '135790', minutes: 10, purpose: 'bind-secure-mobile-phone' }),
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

/** A clock `skewMs` ahead of the system clock (receipt sweeps look at messages sent at least 2 s ago). */
const ahead = (skewMs: number): Clock => ({ now: () => systemClock.now() + skewMs });

const provider = (pollSeconds = 0, readTimeoutMs = 10_000, clock: Clock = systemClock) =>
  aliyunSmsProvider(
    {
      accessKeyId: 'LTAI5tFakeSmsKey000000000',
      accessKeySecret: 'fake-sms-secret',
      signName: 'resdir',
      templateCode: 'SMS_000001',
      endpoint: fake.endpoint,
      receiptPollSeconds: pollSeconds,
      readTimeoutMs,
    },
    { clock, delivery: store.delivery, log },
  );
const worker = (p = provider(), clock: Clock = systemClock, batch = DEFAULT_WORKER_OPTIONS.batch) =>
  new OutboxWorker(
    store.outbox,
    p,
    keyring,
    clock,
    log,
    { ...DEFAULT_WORKER_OPTIONS, batch },
    { delivery: store.delivery },
  );

describe('aliyun-sms provider (official SDK against a fake endpoint)', () => {
  it('numbers: mainland without +86, others as digits with the country code', () => {
    expect(aliyunPhone('+8613900001234')).toBe('13900001234');
    expect(aliyunPhone('+6591234568')).toBe('6591234568');
  });

  it('success: SendSms with SignName, TemplateCode, TemplateParam {code}, OutId = our id; BizId recorded', async () => {
    await enqueue('m-ok', '+8613900001234');
    await worker().pass();
    expect(fake.sendCalls).toEqual([
      {
        PhoneNumbers: '13900001234',
        SignName: 'resdir',
        TemplateCode: 'SMS_000001',
        TemplateParam: '{"code":"135790"}',
        OutId: 'm-ok',
        signed: true,
      },
    ]);
    const m = await store.outbox.get('m-ok');
    expect(m).toMatchObject({ status: 'sent', provider: 'aliyun-sms', payload_enc: null });
    expect(m!.provider_message_id).toMatch(/\^1$/);
    expect(await store.delivery.attemptsOf('m-ok')).toMatchObject([
      { provider: 'aliyun-sms', outcome: 'sent', provider_message_id: m!.provider_message_id, attempt: 1 },
    ]);
  });

  it('isv.BUSINESS_LIMIT_CONTROL is retried later; isv.MOBILE_NUMBER_ILLEGAL fails permanently', async () => {
    fake.codeFor = (n) => (n === '12025550123' ? 'isv.BUSINESS_LIMIT_CONTROL' : 'isv.MOBILE_NUMBER_ILLEGAL');
    await enqueue('m-limit', '+12025550123');
    await enqueue('m-illegal', '+6591234568');
    await worker().pass();
    expect(await store.outbox.get('m-limit')).toMatchObject({
      status: 'queued',
      attempts: 1,
      last_error: 'SendSms answered isv.BUSINESS_LIMIT_CONTROL: fake refusal isv.BUSINESS_LIMIT_CONTROL',
    });
    expect(await store.outbox.get('m-illegal')).toMatchObject({
      status: 'failed',
      payload_enc: null,
      last_error: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL'),
    });
    expect((await store.delivery.attemptsOf('m-illegal')).map((a) => a.outcome)).toEqual(['failed']);
  });

  it('an HTTP 5xx of the endpoint is retryable', async () => {
    fake.codeFor = () => 'HTTP500';
    await enqueue('m-5xx', '+12025550123');
    await worker().pass();
    expect(await store.outbox.get('m-5xx')).toMatchObject({
      status: 'queued',
      last_error: expect.stringContaining('HTTP 500'),
    });
  });

  it('QuerySendDetails moves sent messages to delivered / undelivered', async () => {
    await enqueue('m-d', '+12025550123');
    await enqueue('m-u', '+6591234568');
    const p = provider(0.1, 10_000, ahead(3_000));
    await worker(p).pass();
    const d = (await store.outbox.get('m-d'))!;
    const u = (await store.outbox.get('m-u'))!;
    fake.status.set(d.provider_message_id!, { sendStatus: 3, errCode: 'DELIVERED' });
    fake.status.set(u.provider_message_id!, { sendStatus: 2, errCode: 'IC_USER_NOT_EXIST' });
    // Receipts are only looked up for messages sent at least 2 s ago: the provider's clock is 3 s ahead.
    const sink = receiptSink('aliyun-sms', { delivery: store.delivery, clock: systemClock, log });
    p.start!(sink);
    const deadline = Date.now() + 5_000;
    while ((await store.outbox.get('m-u'))!.status === 'sent' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await p.close!();
    await sink.settled;
    expect((await store.outbox.get('m-d'))!.status).toBe('delivered');
    expect((await store.outbox.get('m-u'))!.status).toBe('undelivered');
    expect(fake.queryCalls[0]).toMatchObject({
      PhoneNumber: '12025550123',
      BizId: d.provider_message_id,
      PageSize: '50',
      CurrentPage: '1',
    });
    expect(fake.queryCalls[0]!.SendDate).toMatch(/^\d{8}$/);
  });

  it('SendSms is not idempotent: a retry after a lost answer finds the message by OutId, not sent twice', async () => {
    fake.answerDelayMs = 1_500; // accepted, but the answer comes after the SDK's read timeout
    await enqueue('m-lost', '+12025550123');
    let skew = 0;
    const shifted: Clock = { now: () => systemClock.now() + skew };
    const p = provider(0.1, 300, shifted);
    const w = worker(p, shifted);
    await w.pass();
    expect(await store.outbox.get('m-lost')).toMatchObject({ status: 'queued', attempts: 1 });
    expect(fake.sendCalls).toHaveLength(1);
    expect(fake.queryCalls).toHaveLength(0); // a first attempt asks nothing
    skew = 120_000; // the retry is due
    await w.pass();
    expect(fake.sendCalls).toHaveLength(1); // not sent again
    const m = (await store.outbox.get('m-lost'))!;
    expect(m).toMatchObject({ status: 'sent', attempts: 2, provider_message_id: 'OutId:m-lost' });
    expect(fake.queryCalls.at(-1)).toMatchObject({ PhoneNumber: '12025550123' });
    expect(fake.queryCalls.at(-1)).not.toHaveProperty('BizId');
    // Its receipt is then looked up by number and matched by OutId.
    fake.status.set(fake.bizIds.get('m-lost')!, { sendStatus: 3, errCode: 'DELIVERED' });
    skew = 123_000; // the send is 3 s old for the receipt sweep
    const sink = receiptSink('aliyun-sms', { delivery: store.delivery, clock: systemClock, log });
    p.start!(sink);
    const deadline = Date.now() + 5_000;
    while ((await store.outbox.get('m-lost'))!.status === 'sent' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await p.close!();
    await sink.settled;
    expect((await store.outbox.get('m-lost'))!.status).toBe('delivered');
  });

  it('receipt sweeps page through the waiting messages: 50 never answered do not starve newer ones', async () => {
    for (let i = 0; i < 60; i++)
      await enqueue(`m-p${String(i).padStart(2, '0')}`, `+120255501${String(i).padStart(2, '0')}`);
    const p = provider(0.05, 10_000, ahead(10_000));
    // One message at a time on a clock that always moves: sent in order, each at its own time.
    let last = 0;
    const ticking: Clock = { now: () => (last = Math.max(systemClock.now(), last + 1)) };
    await worker(p, ticking, 1).pass();
    const sentAt = await Promise.all(
      Array.from(
        { length: 60 },
        async (_, i) => (await store.outbox.get(`m-p${String(i).padStart(2, '0')}`))!.sent_at!,
      ),
    );
    expect(sentAt).toEqual([...sentAt].sort((a, b) => a - b));
    for (let i = 0; i < 60; i++) {
      const id = `m-p${String(i).padStart(2, '0')}`;
      const bizId = fake.bizIds.get(id)!;
      fake.status.set(bizId, i < 50 ? { sendStatus: 1, errCode: '' } : { sendStatus: 3, errCode: 'DELIVERED' });
    }
    const sink = receiptSink('aliyun-sms', { delivery: store.delivery, clock: systemClock, log });
    p.start!(sink);
    const deadline = Date.now() + 8_000;
    while (((await store.delivery.statusCounts()).delivered ?? 0) < 10 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await p.close!();
    await sink.settled;
    expect(await store.delivery.statusCounts()).toEqual({ sent: 50, delivered: 10 });
  });
});
