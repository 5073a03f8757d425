/** Conformance, part of the store suite. The delivery and record ports: outbox, inbox, audit. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, auditEvent, claimLeases, inboxMessage, outboxMessage } from './fixtures.js';

export function deliveryContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('outbox', () => {
    it('enqueue and get round-trip a message', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      expect(await store().outbox.get(m.id)).toEqual(m);
      expect(await store().outbox.get('msg-unknown')).toBeUndefined();
    });

    it('claim leases only due messages, counting an attempt', async () => {
      const late = outboxMessage({ next_attempt_at: T0 });
      const early = outboxMessage({ next_attempt_at: T0 - 10 });
      const future = outboxMessage({ next_attempt_at: T0 + 600_000 });
      for (const m of [late, early, future]) await store().outbox.enqueue(m);
      const got = await store().outbox.claim(T0, T0 + 30_000, 10);
      const leased = (m: typeof early) => ({
        ...m,
        status: 'sending',
        lease_until: T0 + 30_000,
        attempts: 1,
        updated_at: T0,
        leaseToken: got[0]!.leaseToken,
      });
      expect(got[0]!.leaseToken).toMatch(/^[\w-]{16}$/);
      // The order of the returned batch is not part of the contract.
      expect([...got].sort((x, y) => x.next_attempt_at - y.next_attempt_at)).toEqual([leased(early), leased(late)]);
      expect((await store().outbox.get(future.id))?.status).toBe('queued');
    });

    it('settle records a batch: each outcome only under its lease, every attempt whatever the lease', async () => {
      const [a, b, c] = [T0 - 3, T0 - 2, T0 - 1].map((t) => outboxMessage({ next_attempt_at: t }));
      for (const m of [a!, b!, c!]) await store().outbox.enqueue(m);
      const got = await store().outbox.claim(T0, T0 + 30_000, 10);
      const lease = (id: string) => ({ id, token: got.find((m) => m.id === id)!.leaseToken });
      const attempt = (id: string, outcome: 'sent' | 'retry' | 'failed') => ({
        id: `${id}:a`,
        message_id: id,
        attempt: 1,
        provider: 'inbox',
        started_at: T0,
        finished_at: T0 + 1,
        outcome,
        provider_message_id: outcome === 'sent' ? `p-${id}` : null,
        error: outcome === 'sent' ? null : 'boom',
      });
      const applied = await store().outbox.settle([
        {
          lease: lease(a!.id),
          outcome: { kind: 'sent', at: T0 + 1, provider: 'inbox', providerMessageId: `p-${a!.id}` },
          attempts: [attempt(a!.id, 'sent')],
        },
        {
          lease: lease(b!.id),
          outcome: { kind: 'retry', at: T0 + 1, nextAttemptAt: T0 + 5_000, error: 'boom' },
          attempts: [attempt(b!.id, 'retry')],
        },
        {
          lease: { id: c!.id, token: 'a-lost-lease' },
          outcome: { kind: 'failed', at: T0 + 1, error: 'boom' },
          attempts: [attempt(c!.id, 'failed')],
        },
      ]);
      expect(applied).toEqual([true, true, false]);
      expect(await store().outbox.get(a!.id)).toMatchObject({
        status: 'sent',
        sent_at: T0 + 1,
        provider: 'inbox',
        provider_message_id: `p-${a!.id}`,
        payload_enc: null,
        lease_until: null,
      });
      expect(await store().outbox.get(b!.id)).toMatchObject({
        status: 'queued',
        next_attempt_at: T0 + 5_000,
        last_error: 'boom',
        payload_enc: b!.payload_enc,
      });
      expect((await store().outbox.get(c!.id))?.status).toBe('sending');
      for (const m of [a!, b!, c!]) expect(await store().delivery.attemptsOf(m.id)).toHaveLength(1);
    });

    it('claim takes the longest-due messages first when more than `max` are due', async () => {
      const [a, b, c] = [T0 - 30, T0 - 20, T0 - 10].map((t) => outboxMessage({ next_attempt_at: t }));
      for (const m of [c!, a!, b!]) await store().outbox.enqueue(m);
      expect((await store().outbox.claim(T0, T0 + 30_000, 2)).map((m) => m.id).sort()).toEqual([a!.id, b!.id].sort());
      expect((await store().outbox.claim(T0, T0 + 30_000, 2)).map((m) => m.id)).toEqual([c!.id]);
    });

    it('claim respects a live lease and re-leases an expired one (lease_until < now)', async () => {
      const m = outboxMessage({ next_attempt_at: T0 });
      await store().outbox.enqueue(m);
      expect(await store().outbox.claim(T0, T0 + 30_000, 10)).toHaveLength(1);
      expect(await store().outbox.claim(T0 + 1, T0 + 30_001, 10)).toEqual([]);
      expect(await store().outbox.claim(T0 + 30_000, T0 + 60_000, 10)).toEqual([]);
      const again = await store().outbox.claim(T0 + 30_001, T0 + 60_001, 10);
      expect(again.map((x) => [x.id, x.attempts, x.lease_until])).toEqual([[m.id, 2, T0 + 60_001]]);
    });

    it('claim takes at most `max` messages per call', async () => {
      for (let i = 0; i < 5; i++) await store().outbox.enqueue(outboxMessage({ next_attempt_at: T0 - i }));
      const sizes = [];
      for (let i = 0; i < 4; i++) sizes.push((await store().outbox.claim(T0, T0 + 30_000, 2)).length);
      expect(sizes).toEqual([2, 2, 1, 0]);
    });

    it('markSent records the send and clears the payload; the message is never claimed again', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      const leases = await claimLeases(store(), T0, T0 + 30_000, 1);
      expect(await store().outbox.markSent(leases.get(m.id)!, T0 + 5, 'inbox', 'pm-1')).toBe(true);
      expect(await store().outbox.get(m.id)).toEqual({
        ...m,
        status: 'sent',
        attempts: 1,
        sent_at: T0 + 5,
        updated_at: T0 + 5,
        provider: 'inbox',
        provider_message_id: 'pm-1',
        payload_enc: null,
        lease_until: null,
        last_error: null,
      });
      expect(await store().outbox.claim(T0 + 3_600_000, T0 + 3_700_000, 10)).toEqual([]);
    });

    it('markRetry requeues with the error, keeping the payload, due at nextAttemptAt', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      const leases = await claimLeases(store(), T0, T0 + 30_000, 1);
      expect(await store().outbox.markRetry(leases.get(m.id)!, T0 + 10, T0 + 5_000, 'timeout')).toBe(true);
      expect(await store().outbox.get(m.id)).toEqual({
        ...m,
        status: 'queued',
        attempts: 1,
        next_attempt_at: T0 + 5_000,
        lease_until: null,
        updated_at: T0 + 10,
        last_error: 'timeout',
      });
      expect(await store().outbox.nextDueAt()).toBe(T0 + 5_000);
      expect(await store().outbox.claim(T0 + 4_999, T0 + 40_000, 10)).toEqual([]);
      expect((await store().outbox.claim(T0 + 5_000, T0 + 40_000, 10)).map((x) => x.attempts)).toEqual([2]);
    });

    it('markFinal (failed, expired) clears the payload and ends the message', async () => {
      const failed = outboxMessage();
      const expired = outboxMessage();
      for (const m of [failed, expired]) await store().outbox.enqueue(m);
      const leases = await claimLeases(store(), T0, T0 + 30_000, 10);
      await store().outbox.markFinal(leases.get(failed.id)!, T0 + 1, 'failed', 'rejected by provider');
      await store().outbox.markFinal(leases.get(expired.id)!, T0 + 2, 'expired', null);
      expect(await store().outbox.get(failed.id)).toEqual({
        ...failed,
        status: 'failed',
        attempts: 1,
        payload_enc: null,
        lease_until: null,
        updated_at: T0 + 1,
        last_error: 'rejected by provider',
      });
      expect(await store().outbox.get(expired.id)).toEqual({
        ...expired,
        status: 'expired',
        attempts: 1,
        payload_enc: null,
        lease_until: null,
        updated_at: T0 + 2,
        last_error: null,
      });
      expect(await store().outbox.claim(T0 + 3_600_000, T0 + 3_700_000, 10)).toEqual([]);
      expect(await store().outbox.nextDueAt()).toBeUndefined();
    });

    it('nextDueAt is the earliest next_attempt_at of queued messages only', async () => {
      expect(await store().outbox.nextDueAt()).toBeUndefined();
      const soon = outboxMessage({ next_attempt_at: T0 + 2_000 });
      const later = outboxMessage({ next_attempt_at: T0 + 5_000 });
      await store().outbox.enqueue(later);
      await store().outbox.enqueue(soon);
      expect(await store().outbox.nextDueAt()).toBe(T0 + 2_000);
      const leases = await claimLeases(store(), T0 + 2_000, T0 + 32_000, 10);
      expect(await store().outbox.nextDueAt()).toBe(T0 + 5_000);
      await store().outbox.markSent(leases.get(soon.id)!, T0 + 2_001, 'inbox', 'pm');
      expect(await store().outbox.nextDueAt()).toBe(T0 + 5_000);
    });
  });

  describe('inbox', () => {
    it('lists newest first, filtered by `to`, limited, with the outbox status joined', async () => {
      const sent = outboxMessage({ to_phone: '+12025550101' });
      const sending = outboxMessage({ to_phone: '+6591230000', next_attempt_at: T0 - 1 });
      await store().outbox.enqueue(sent);
      await store().outbox.enqueue(sending);
      const leases = await claimLeases(store(), T0, T0 + 30_000, 10);
      await store().outbox.markSent(leases.get(sent.id)!, T0 + 1, 'inbox', 'pm');
      const i1 = inboxMessage({ message_id: sent.id, to_phone: '+12025550101', created_at: T0 + 1 });
      const i2 = inboxMessage({ message_id: sending.id, to_phone: '+6591230000', created_at: T0 + 2 });
      const i3 = inboxMessage({
        message_id: 'msg-without-outbox-row',
        to_phone: '+12025550101',
        created_at: T0 + 3,
        code: '654321',
      });
      for (const m of [i2, i1, i3]) await store().inbox.add(m);

      expect(await store().inbox.list(undefined, 10)).toEqual([
        { ...i3, status: 'sent' },
        { ...i2, status: 'sending' },
        { ...i1, status: 'sent' },
      ]);
      expect((await store().inbox.list('+12025550101', 10)).map((m) => m.id)).toEqual([i3.id, i1.id]);
      expect((await store().inbox.list('+12025550101', 1)).map((m) => m.id)).toEqual([i3.id]);
      expect(await store().inbox.list('+4915112345678', 10)).toEqual([]);
    });

    it('clear empties the inbox and leaves the outbox alone', async () => {
      const m = outboxMessage();
      await store().outbox.enqueue(m);
      await store().inbox.add(inboxMessage({ message_id: m.id }));
      await store().inbox.clear();
      expect(await store().inbox.list(undefined, 10)).toEqual([]);
      expect(await store().outbox.get(m.id)).toBeDefined();
    });
  });

  describe('audit', () => {
    it('append, then recent newest first, limited', async () => {
      const events = [T0, T0 + 1, T0 + 2].map((time) =>
        auditEvent({ time, target_account_id: time === T0 ? null : '2000000000000001' }),
      );
      for (const e of [events[1]!, events[0]!, events[2]!]) await store().audit.append(e);
      expect(await store().audit.recent(2)).toEqual([events[2], events[1]]);
      expect(await store().audit.recent(10)).toEqual([events[2], events[1], events[0]]);
    });
  });
}
