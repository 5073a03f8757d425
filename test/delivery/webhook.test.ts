import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.js';
import { PermanentSmsError, type SmsMessage } from '../../src/delivery/provider.js';
import { verifyWebhookSignature, webhookProvider, webhookSignature } from '../../src/delivery/providers/webhook.js';
import { startFakeWebhook, type FakeWebhook } from '../support/fake-webhook.js';

const SECRET = 'webhook-shared-secret-for-tests';
const msg = (id: string): SmsMessage => ({
  id,
  to: '+12025550123',
  text: 'code 123456',
  purpose: 'bind-secure-mobile-phone',
  accountId: '1000000000000002',
  params: { code: '123456', minutes: 10 },
});

let fake: FakeWebhook | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('webhook provider', () => {
  it('signs timestamp and body with HMAC-SHA256; the receiver verifies it, within a time window', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    const ts = String(now / 1000);
    const sig = webhookSignature(SECRET, ts, '{"a":1}');
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, ts, '{"a":1}', sig, now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, ts, '{"a":2}', sig, now)).toBe(false);
    expect(verifyWebhookSignature('other-secret', ts, '{"a":1}', sig, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, ts, '{"a":1}', sig, now + 301_000)).toBe(false);
  });

  it('2xx = sent: the signed JSON carries our message id; the reply messageId becomes the provider id', async () => {
    fake = await startFakeWebhook(SECRET, () => ({ status: 202, body: { messageId: 'rcv-1' } }));
    const p = webhookProvider({ url: fake.url, secret: SECRET, timeoutMs: 2000 }, systemClock);
    expect(await p.send(msg('m-ok'))).toEqual({ providerMessageId: 'rcv-1' });
    expect(fake.received).toMatchObject([
      { id: 'm-ok', headerId: 'm-ok', to: '+12025550123', code: '123456', signatureOk: true },
    ]);
  });

  it('2xx without a messageId: our id is the provider id', async () => {
    fake = await startFakeWebhook(SECRET, () => ({ status: 200, body: 'fine' }));
    const p = webhookProvider({ url: fake.url, secret: SECRET, timeoutMs: 2000 }, systemClock);
    expect(await p.send(msg('m-ok2'))).toEqual({ providerMessageId: 'm-ok2' });
  });

  it('a wrong secret is refused by the receiver (401) and that is permanent', async () => {
    fake = await startFakeWebhook(SECRET);
    const p = webhookProvider({ url: fake.url, secret: 'not-the-secret', timeoutMs: 2000 }, systemClock);
    await expect(p.send(msg('m-bad'))).rejects.toBeInstanceOf(PermanentSmsError);
    expect(fake.received[0]!.signatureOk).toBe(false);
  });

  it('4xx = permanent (but 408/429 retry); 5xx = retryable; no body text in the error', async () => {
    const statuses = [400, 422, 429, 408, 500, 503];
    fake = await startFakeWebhook(SECRET, () => ({
      status: statuses.shift()!,
      body: { error: 'secret detail 123456' },
    }));
    const p = webhookProvider({ url: fake.url, secret: SECRET, timeoutMs: 2000 }, systemClock);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const e = await p.send(msg(`m-${i}`)).then(
        () => undefined,
        (x: unknown) => x as Error,
      );
      expect(e).toBeInstanceOf(Error);
      expect(e!.message).not.toContain('123456');
      outcomes.push(e instanceof PermanentSmsError ? 'permanent' : 'retry');
    }
    expect(outcomes).toEqual(['permanent', 'permanent', 'retry', 'retry', 'retry', 'retry']);
  });

  it('a receiver slower than the timeout = retryable timeout', async () => {
    fake = await startFakeWebhook(SECRET, () => ({ status: 200, delayMs: 1500 }));
    const p = webhookProvider({ url: fake.url, secret: SECRET, timeoutMs: 200 }, systemClock);
    const e = await p.send(msg('m-slow')).catch((x: unknown) => x as Error);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(PermanentSmsError);
    expect((e as Error).message).toMatch(/timed out after 200 ms/);
  });

  it('an unreachable receiver = retryable', async () => {
    const p = webhookProvider({ url: 'http://127.0.0.1:1/sms', secret: SECRET, timeoutMs: 1000 }, systemClock);
    const e = await p.send(msg('m-down')).catch((x: unknown) => x as Error);
    expect(e).not.toBeInstanceOf(PermanentSmsError);
    expect((e as Error).message).toMatch(/unreachable/);
  });
});
