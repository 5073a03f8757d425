/** Conformance, part of the store suite: the delivery records — attempts, receipts, listings. */
import { describe, expect, it } from 'vitest';
import type { SmsAttempt, Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, claimLeases, outboxMessage } from './fixtures.js';

const attempt = (message_id: string, attemptNo: number, i: number, over: Partial<SmsAttempt> = {}): SmsAttempt => ({
  id: `${message_id}:${String(attemptNo).padStart(4, '0')}:${i}:abcdef`,
  message_id,
  attempt: attemptNo,
  provider: 'smpp',
  started_at: T0,
  finished_at: T0 + 5,
  outcome: 'retry',
  provider_message_id: null,
  error: 'down',
  ...over,
});

export function smsRecordsContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  async function sentMessage(provider = 'smpp', pmid = `pm-${Math.random()}`, over = {}, sentAt = T0 + 10) {
    const m = outboxMessage(over);
    await store().outbox.enqueue(m);
    const leases = await claimLeases(store(), T0, T0 + 30_000);
    await store().outbox.markSent(leases.get(m.id)!, sentAt, provider, pmid);
    return { ...m, pmid };
  }

  describe('delivery records', () => {
    it('attempts come back in attempt order, then chain position', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      const rows = [
        attempt(m.id, 2, 0, { outcome: 'sent', provider_message_id: 'x', error: null }),
        attempt(m.id, 1, 1, { provider: 'webhook' }),
        attempt(m.id, 1, 0),
      ];
      for (const a of rows) await store().delivery.recordAttempt(a);
      expect(await store().delivery.attemptsOf(m.id)).toEqual([rows[2], rows[1], rows[0]]);
      expect(await store().delivery.attemptsOf('msg-unknown')).toEqual([]);
    });

    it('a receipt is stored once per (provider, id, state) and moves a sent message once', async () => {
      const m = await sentMessage('smpp', 'pm-1');
      const r = {
        provider: 'smpp',
        provider_message_id: 'pm-1',
        state: 'delivered' as const,
        detail: 'stat:DELIVRD',
        received_at: T0 + 20,
      };
      expect(await store().delivery.recordReceipt(r)).toBe(true);
      expect(await store().delivery.recordReceipt({ ...r, received_at: T0 + 30 })).toBe(false);
      expect(await store().delivery.applyReceipts('smpp', 'pm-1', T0 + 20)).toEqual({
        id: m.id,
        createdAt: T0,
        status: 'delivered',
      });
      expect(await store().delivery.applyReceipts('smpp', 'pm-1', T0 + 21)).toBeUndefined();
      expect(await store().outbox.get(m.id)).toMatchObject({ status: 'delivered', updated_at: T0 + 20 });
    });

    it('a receipt overtaking the send applies once the send is recorded; intermediate states do nothing', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      const leases = await claimLeases(store(), T0, T0 + 30_000);
      await store().delivery.recordReceipt({
        provider: 'smpp',
        provider_message_id: 'pm-early',
        state: 'enroute',
        detail: null,
        received_at: T0 + 1,
      });
      await store().delivery.recordReceipt({
        provider: 'smpp',
        provider_message_id: 'pm-early',
        state: 'undelivered',
        detail: 'stat:UNDELIV',
        received_at: T0 + 2,
      });
      expect(await store().delivery.applyReceipts('smpp', 'pm-early', T0 + 2)).toBeUndefined();
      expect((await store().outbox.get(m.id))!.status).toBe('sending');
      await store().outbox.markSent(leases.get(m.id)!, T0 + 3, 'smpp', 'pm-early');
      expect(await store().delivery.applyReceipts('smpp', 'pm-early', T0 + 3)).toMatchObject({
        id: m.id,
        status: 'undelivered',
      });
    });

    it('a receipt of another provider with the same id does not match', async () => {
      const m = await sentMessage('smpp', 'pm-shared');
      await store().delivery.recordReceipt({
        provider: 'aliyun-sms',
        provider_message_id: 'pm-shared',
        state: 'delivered',
        detail: null,
        received_at: T0 + 5,
      });
      expect(await store().delivery.applyReceipts('aliyun-sms', 'pm-shared', T0 + 5)).toBeUndefined();
      expect((await store().outbox.get(m.id))!.status).toBe('sent');
    });

    it('concurrent receipt applications move the message exactly once (two connections)', async () => {
      await sentMessage('smpp', 'pm-race');
      await store().delivery.recordReceipt({
        provider: 'smpp',
        provider_message_id: 'pm-race',
        state: 'delivered',
        detail: null,
        received_at: T0 + 5,
      });
      const other = await db().connect();
      const results = await Promise.all(
        [...Array(8)].map((_, i) => (i % 2 ? other : store()).delivery.applyReceipts('smpp', 'pm-race', T0 + 5)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('list: newest first, filtered by status and number, without the sealed payload', async () => {
      const a = outboxMessage({ created_at: T0 + 1, to_phone: '+6591230001' });
      const b = outboxMessage({ created_at: T0 + 2 });
      for (const m of [a, b]) await store().outbox.enqueue(m);
      const all = await store().delivery.list({ limit: 10 });
      expect(all.map((m) => m.id)).toEqual([b.id, a.id]);
      expect(all[0]).not.toHaveProperty('payload_enc');
      expect(all[0]).toMatchObject({ status: 'queued', delivered_at: null, attempts: 0 });
      expect((await store().delivery.list({ to: '+6591230001', limit: 10 })).map((m) => m.id)).toEqual([a.id]);
      expect(await store().delivery.list({ status: 'failed', limit: 10 })).toEqual([]);
      expect(await store().delivery.list({ limit: 1 })).toHaveLength(1);
    });

    it('awaitingReceipt lists a provider’s sent messages in the window; statusCounts counts per status', async () => {
      await sentMessage('aliyun-sms', 'biz-old', {}, T0 - 100_000_000);
      const fresh = await sentMessage('aliyun-sms', 'biz-fresh');
      await sentMessage('smpp', 'other');
      expect(await store().delivery.awaitingReceipt('aliyun-sms', T0 - 86_400_000, T0 + 10, 10)).toEqual([
        { id: fresh.id, to_phone: fresh.to_phone, provider_message_id: 'biz-fresh', sent_at: T0 + 10 },
      ]);
      expect(await store().delivery.awaitingReceipt('aliyun-sms', T0 - 86_400_000, T0 + 9, 10)).toEqual([]);
      expect(await store().delivery.statusCounts()).toEqual({ sent: 3 });
    });
  });
}
