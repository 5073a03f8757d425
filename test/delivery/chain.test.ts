/** The worker's provider chain, attempt log, backoff with jitter on a fake clock, and expiry. */
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { ManualClock } from '../../src/lib/clock.js';
import { keyringFrom, type Keyring } from '../../src/lib/keyring.js';
import { OutboxWorker, DEFAULT_WORKER_OPTIONS, backoffMs } from '../../src/delivery/worker.js';
import { DeliveryMetrics } from '../../src/delivery/metrics.js';
import { PermanentSmsError, type SmsMessage, type SmsProvider } from '../../src/delivery/provider.js';
import { queuedMessage } from './fixtures.js';

let store: Store;
let keyring: Keyring;
const clock = new ManualClock(Date.parse('2026-11-29T12:00:00Z'));
const log = pino({ level: 'silent' });

beforeEach(async () => {
  store = (await openStore('sqlite::memory:')).store;
  keyring = keyringFrom(randomBytes(32));
});
afterEach(async () => {
  await store.close();
});

async function enqueue(id: string, ttlMs = 600_000, to = '+12025550123'): Promise<void> {
  await store.outbox.enqueue(queuedMessage(keyring, clock.now(), { id, code: '975310', ttlMs, to }));
}

function scripted(
  name: string,
  outcomes: Array<'ok' | 'down' | 'permanent' | 'echo'>,
): SmsProvider & { sent: SmsMessage[]; calls: number } {
  const p = {
    name,
    sent: [] as SmsMessage[],
    calls: 0,
    async send(m: SmsMessage) {
      p.calls++;
      const o = outcomes.shift() ?? 'ok';
      if (o === 'down') throw new Error(`${name} is down`);
      if (o === 'echo') throw new Error(`refused text ${m.text}`);
      if (o === 'permanent') throw new PermanentSmsError('number does not exist');
      p.sent.push(m);
      return { providerMessageId: `${name}-${p.sent.length}` };
    },
  };
  return p;
}

const worker = (providers: SmsProvider[], extra: Partial<ConstructorParameters<typeof OutboxWorker>[6]> = {}) =>
  new OutboxWorker(store.outbox, providers, keyring, clock, log, DEFAULT_WORKER_OPTIONS, {
    delivery: store.delivery,
    random: () => 0.5,
    ...extra,
  });

describe('provider chain', () => {
  it('falls back to the second provider when the first is down, recording both attempts', async () => {
    const smpp = scripted('smpp', ['down']);
    const ali = scripted('aliyun-sms', ['ok']);
    await enqueue('c1');
    await worker([smpp, ali]).pass();
    expect(await store.outbox.get('c1')).toMatchObject({
      status: 'sent',
      provider: 'aliyun-sms',
      provider_message_id: 'aliyun-sms-1',
    });
    expect((await store.delivery.attemptsOf('c1')).map((a) => [a.provider, a.outcome, a.error])).toEqual([
      ['smpp', 'retry', 'smpp: smpp is down'],
      ['aliyun-sms', 'sent', null],
    ]);
  });

  it('a permanent failure stops the chain', async () => {
    const first = scripted('smpp', ['permanent']);
    const second = scripted('aliyun-sms', ['ok']);
    await enqueue('c2');
    await worker([first, second]).pass();
    expect(await store.outbox.get('c2')).toMatchObject({ status: 'failed', last_error: 'smpp: number does not exist' });
    expect(second.calls).toBe(0);
  });

  it('every provider down: the message is retried with backoff; the first provider is tried first again', async () => {
    const a = scripted('a', ['down', 'ok']);
    const b = scripted('b', ['down']);
    await enqueue('c3');
    const w = worker([a, b]);
    await w.pass();
    const m = (await store.outbox.get('c3'))!;
    expect(m).toMatchObject({ status: 'queued', last_error: 'b: b is down' });
    expect(m.next_attempt_at - clock.now()).toBe(backoffMs(1, () => 0.5));
    clock.advance(m.next_attempt_at - clock.now());
    await w.pass();
    expect(await store.outbox.get('c3')).toMatchObject({ status: 'sent', provider: 'a', attempts: 2 });
  });
});

describe('passes', () => {
  it('one pass drains every due message, batch after batch', async () => {
    for (let i = 0; i < 45; i++) await enqueue(`b${i}`);
    const p = scripted('only', []);
    await worker([p]).pass();
    expect(p.calls).toBe(45);
    expect(await store.delivery.statusCounts()).toEqual({ sent: 45 });
  });
});

describe('store failures', () => {
  it('a store error after the provider accepted is no provider failure, and the pass goes on', async () => {
    await enqueue('s1');
    await enqueue('s2');
    const p = scripted('only', ['ok', 'ok']);
    const failing = {
      ...store.delivery,
      recordAttempt: async (a: { message_id: string }) =>
        a.message_id === 's1' ? Promise.reject(new Error('disk full')) : store.delivery.recordAttempt(a as never),
    };
    await new OutboxWorker(store.outbox, [p], keyring, clock, log, DEFAULT_WORKER_OPTIONS, {
      delivery: failing,
    }).pass();
    expect(p.calls).toBe(2);
    expect(await store.outbox.get('s1')).toMatchObject({ status: 'sent', provider_message_id: 'only-1' });
    expect(await store.outbox.get('s2')).toMatchObject({ status: 'sent' });
  });
});

describe('retry timing and expiry (fake clock)', () => {
  it('backoff doubles from 1 s to a 60 s cap, with jitter between half and the full delay', () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffMs(n, () => 0.999999))).toEqual([
      1000, 2000, 4000, 8000, 60000, 60000, 60000,
    ]);
    expect([1, 2, 3].map((n) => backoffMs(n, () => 0))).toEqual([500, 1000, 2000]);
  });

  it('the retry schedule follows the backoff exactly: due times 1 s, 2 s, 4 s apart (jitter pinned)', async () => {
    const p = scripted('only', ['down', 'down', 'down', 'ok']);
    await enqueue('t1');
    const w = worker([p], { random: () => 0.999999 });
    const gaps: number[] = [];
    for (let i = 0; i < 3; i++) {
      await w.pass();
      const m = (await store.outbox.get('t1'))!;
      gaps.push(m.next_attempt_at - clock.now());
      clock.advance(gaps.at(-1)! - 1);
      await w.pass(); // 1 ms early: nothing happens
      expect(p.calls).toBe(i + 1);
      clock.advance(1);
    }
    await w.pass();
    expect(gaps).toEqual([1000, 2000, 4000]);
    expect(await store.outbox.get('t1')).toMatchObject({ status: 'sent', attempts: 4 });
  });

  it('a retry that would fall after the expiry ends the message as expired at once', async () => {
    await enqueue('t2', 1_500);
    const p = scripted('only', ['down', 'down']);
    const w = worker([p], { random: () => 0.999999 });
    await w.pass(); // next try at +1 s: before the expiry
    clock.advance(1_000);
    await w.pass(); // next would be at +3 s > +1.5 s
    expect(await store.outbox.get('t2')).toMatchObject({
      status: 'expired',
      payload_enc: null,
      last_error: expect.stringContaining('expires before the next attempt'),
    });
    expect(p.calls).toBe(2);
  });

  it('a provider echoing the code in its error never gets it stored', async () => {
    await enqueue('t3');
    await worker([scripted('echoer', ['echo'])]).pass();
    const m = (await store.outbox.get('t3'))!;
    expect(m.last_error).not.toContain('975310');
    expect(m.last_error).toContain('******');
    expect(JSON.stringify(await store.delivery.attemptsOf('t3'))).not.toContain('975310');
  });
});

describe('metrics', () => {
  it('counts sends, retries and failures per provider', async () => {
    const registry = new Registry();
    const metrics = new DeliveryMetrics(registry, store.delivery);
    await enqueue('k1');
    await enqueue('k2');
    await worker([scripted('a', ['down', 'permanent']), scripted('b', ['ok'])], { metrics }).pass();
    const text = await registry.metrics();
    expect(text).toMatch(/resdir_sms_sent_total\{provider="b"\} 1/);
    expect(text).toMatch(/resdir_sms_retries_total\{provider="a"\} 1/);
    expect(text).toMatch(/resdir_sms_failures_total\{provider="a",reason="permanent"\} 1/);
    expect(text).toMatch(/resdir_sms_outbox_messages\{status="sent"\} 1/);
    expect(text).toMatch(/resdir_sms_outbox_messages\{status="failed"\} 1/);
  });
});
