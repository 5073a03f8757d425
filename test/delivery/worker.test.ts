import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/ports.js';
import { ManualClock } from '../../src/lib/clock.js';
import { keyringFrom, type Keyring } from '../../src/lib/keyring.js';
import { OutboxWorker, DEFAULT_WORKER_OPTIONS } from '../../src/delivery/worker.js';
import { inboxProvider } from '../../src/delivery/providers/inbox.js';
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

async function enqueue(id: string, ttlMs = 600_000): Promise<void> {
  await store.outbox.enqueue(queuedMessage(keyring, clock.now(), { id, code: '424242', ttlMs }));
}

function scripted(outcomes: Array<'ok' | 'fail' | 'permanent'>): SmsProvider & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    name: 'scripted',
    sent,
    async send(m) {
      const o = outcomes.shift() ?? 'ok';
      if (o === 'fail') throw new Error('provider down');
      if (o === 'permanent') throw new PermanentSmsError('invalid number');
      sent.push(m);
      return { providerMessageId: `p-${sent.length}` };
    },
  };
}

describe('outbox worker', () => {
  it('delivers through the inbox provider, rendering the text, and erases the sealed payload', async () => {
    await enqueue('m1');
    const w = new OutboxWorker(store.outbox, inboxProvider(store.inbox, clock), keyring, clock, log);
    await w.pass();
    const m = await store.outbox.get('m1');
    expect(m).toMatchObject({ status: 'sent', provider: 'inbox', payload_enc: null, attempts: 1 });
    const [msg] = await store.inbox.list('+12025550123', 10);
    expect(msg).toMatchObject({ message_id: 'm1', code: '424242', status: 'sent' });
    expect(msg!.text).toContain('424242');
  });

  it('retries a failing provider with growing backoff, then succeeds', async () => {
    await enqueue('m2');
    const p = scripted(['fail', 'fail', 'ok']);
    const w = new OutboxWorker(store.outbox, p, keyring, clock, log);
    await w.pass();
    let m = await store.outbox.get('m2');
    expect(m).toMatchObject({ status: 'queued', attempts: 1, last_error: 'provider down' });
    const firstDelay = m!.next_attempt_at - clock.now();
    expect(firstDelay).toBeGreaterThanOrEqual(500);
    expect(firstDelay).toBeLessThanOrEqual(1000);
    await w.pass(); // not due yet: nothing happens
    expect((await store.outbox.get('m2'))!.attempts).toBe(1);
    clock.advance(firstDelay);
    await w.pass();
    m = await store.outbox.get('m2');
    const secondDelay = m!.next_attempt_at - clock.now();
    expect(secondDelay).toBeGreaterThanOrEqual(1000);
    expect(secondDelay).toBeLessThanOrEqual(2000);
    clock.advance(secondDelay);
    await w.pass();
    expect(await store.outbox.get('m2')).toMatchObject({ status: 'sent', attempts: 3, payload_enc: null });
    expect(p.sent).toHaveLength(1);
  });

  it('a permanent failure is final', async () => {
    await enqueue('m3');
    const w = new OutboxWorker(store.outbox, scripted(['permanent']), keyring, clock, log);
    await w.pass();
    expect(await store.outbox.get('m3')).toMatchObject({
      status: 'failed',
      payload_enc: null,
      last_error: 'invalid number',
    });
  });

  it('never sends after the code expired', async () => {
    await enqueue('m4', 5_000);
    const p = scripted(['fail']);
    const w = new OutboxWorker(store.outbox, p, keyring, clock, log);
    await w.pass();
    clock.advance(10_000);
    await w.pass();
    expect(await store.outbox.get('m4')).toMatchObject({ status: 'expired', payload_enc: null });
    expect(p.sent).toHaveLength(0);
  });

  it('gives up after the maximum number of attempts', async () => {
    await enqueue('m5', 86_400_000);
    const w = new OutboxWorker(store.outbox, scripted(Array(20).fill('fail')), keyring, clock, log, {
      ...DEFAULT_WORKER_OPTIONS,
      maxAttempts: 3,
    });
    for (let i = 0; i < 5; i++) {
      await w.pass();
      clock.advance(120_000);
    }
    expect(await store.outbox.get('m5')).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('a message whose lease ran out (worker died mid-send) is sent again', async () => {
    await enqueue('m6');
    const claimed = await store.outbox.claim(clock.now(), clock.now() + 30_000, 10);
    expect(claimed.map((m) => m.id)).toEqual(['m6']);
    const p = scripted(['ok']);
    const w = new OutboxWorker(store.outbox, p, keyring, clock, log);
    await w.pass();
    expect(p.sent).toHaveLength(0); // still leased
    clock.advance(30_001);
    await w.pass();
    expect(p.sent.map((m) => m.id)).toEqual(['m6']);
    expect(await store.outbox.get('m6')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a worker whose lease ran out while its provider was slow cannot move a message another worker sent', async () => {
    await enqueue('m7');
    let answerSlow: (() => void) | undefined;
    const slow: SmsProvider = {
      name: 'slow',
      send: () =>
        new Promise((_resolve, reject) => {
          answerSlow = () => reject(new Error('provider timed out'));
        }),
    };
    const a = new OutboxWorker(store.outbox, slow, keyring, clock, log);
    const passA = a.pass();
    while (!answerSlow) await new Promise((r) => setTimeout(r, 1));
    clock.advance(30_001); // A's lease runs out while its provider hangs
    const fast = scripted(['ok']);
    await new OutboxWorker(store.outbox, fast, keyring, clock, log).pass();
    const sent = await store.outbox.get('m7');
    expect(sent).toMatchObject({ status: 'sent', provider: 'scripted', payload_enc: null, attempts: 2 });
    answerSlow(); // A now wants to requeue the message with a retry
    await passA;
    expect(await store.outbox.get('m7')).toEqual(sent);
    expect(await store.outbox.claim(clock.now() + 3_600_000, clock.now() + 3_700_000, 10)).toEqual([]);
    // Both provider calls stay on record, in attempt order.
    expect((await store.delivery.attemptsOf('m7')).map((x) => [x.attempt, x.provider, x.outcome])).toEqual([
      [1, 'slow', 'retry'],
      [2, 'scripted', 'sent'],
    ]);
  });

  it('a stale lease moves nothing: each claim fences the state changes with a new token', async () => {
    await enqueue('m8');
    const [first] = await store.outbox.claim(clock.now(), clock.now() + 30_000, 10);
    clock.advance(30_001);
    const [second] = await store.outbox.claim(clock.now(), clock.now() + 30_000, 10);
    expect(second!.leaseToken).not.toBe(first!.leaseToken);
    const stale = { id: 'm8', token: first!.leaseToken };
    expect(await store.outbox.markSent(stale, clock.now(), 'x', 'px')).toBe(false);
    expect(await store.outbox.markRetry(stale, clock.now(), clock.now(), 'late')).toBe(false);
    expect(await store.outbox.markFinal(stale, clock.now(), 'failed', 'late')).toBe(false);
    expect(await store.outbox.get('m8')).toMatchObject({ status: 'sending', attempts: 2, last_error: null });
    expect(await store.outbox.markSent({ id: 'm8', token: second!.leaseToken }, clock.now(), 'x', 'px')).toBe(true);
  });
});
