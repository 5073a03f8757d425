/**
 * Race tests for every concurrency primitive of the store (ARCHITECTURE habit 4): many concurrent
 * calls through one store, and — where a second replica would race on the same rows — through
 * two independent connections to the same database, alternating.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { err, ok } from '../../src/lib/result.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, account, code, outboxMessage } from './fixtures.js';

const times = <T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const count = <T>(xs: T[], p: (x: T) => boolean): number => xs.filter(p).length;

type Topology = { name: string; stores: (db: TestDatabase) => Promise<Store[]> };

const oneStore: Topology = { name: 'one store', stores: async (db) => [db.store] };
/**
 * Two connections in one process. Single-statement primitives interleave as two replicas' would.
 * Multi-statement transactions are not raced this way: on SQLite a second in-process connection
 * waiting for the write lock would block the very thread that has to release it.
 */
const twoStores: Topology = {
  name: 'two connections to one database',
  stores: async (db) => [db.store, await db.connect()],
};

export function raceCases(db: () => TestDatabase): void {
  for (const topology of [oneStore, twoStores]) {
    describe(`races through ${topology.name}`, () => {
      const on = async () => {
        const stores = await topology.stores(db());
        return (i: number): Store => stores[i % stores.length]!;
      };

      it('50 concurrent takeAttempt on a code with max_attempts 5: exactly 5 get it, counted 1..5', async () => {
        const s = await on();
        const c = code({ account_id: account().id, max_attempts: 5 });
        await s(0).codes.insert(c);
        const got = await times(50, (i) => s(i).codes.takeAttempt(PURPOSE, c.account_id, T0 + 1));
        const taken = got.filter((x) => x !== undefined);
        expect(taken).toHaveLength(5);
        expect(taken.map((x) => x.attempts).sort()).toEqual([1, 2, 3, 4, 5]);
        expect(await s(0).codes.takeAttempt(PURPOSE, c.account_id, T0 + 2)).toBeUndefined();
      });

      it('20 concurrent consume of one code: exactly one true', async () => {
        const s = await on();
        const c = code({ account_id: account().id });
        await s(0).codes.insert(c);
        const got = await times(20, (i) => s(i).codes.consume(c.id, T0 + 1));
        expect(count(got, (x) => x)).toBe(1);
      });

      it('20 concurrent bindSecurePhone with different phones: exactly one binds, and its phone stays', async () => {
        const s = await on();
        const a = account();
        await s(0).directory.createAccount(a);
        const phones = Array.from({ length: 20 }, (_, i) => `+120255501${String(i).padStart(2, '0')}`);
        const got = await times(20, (i) => s(i).directory.bindSecurePhone(a.id, phones[i]!, T0 + i));
        expect(count(got, (x) => x)).toBe(1);
        const winner = got.indexOf(true);
        expect(await s(1).directory.getAccount(a.id)).toMatchObject({
          secure_mobile_phone: phones[winner],
          secure_mobile_bound_at: T0 + winner,
        });
      });

      it('100 concurrent increment with limit 10: exactly 10 counted (1..10), final count 10', async () => {
        const s = await on();
        const got = await times(100, (i) => s(i).limits.increment('member-day', 'm', T0, 10));
        const counted = got.filter((x) => x !== undefined);
        expect(counted.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(await s(0).limits.increment('member-day', 'm', T0, 10)).toBeUndefined();
        expect(await s(1).limits.increment('member-day', 'm', T0, 1000)).toBe(11);
      });

      it('20 concurrent claims of one nonce: exactly one true', async () => {
        const s = await on();
        const got = await times(20, (i) => s(i).nonces.claim('LTAI5tRace', 'same-nonce', T0 + 900_000));
        expect(count(got, (x) => x)).toBe(1);
      });

      it('20 concurrent setIfAbsent of one key: exactly one true, and its value stays', async () => {
        const s = await on();
        const got = await times(20, (i) => s(i).meta.setIfAbsent('bootstrap', `v${i}`));
        expect(count(got, (x) => x)).toBe(1);
        expect(await s(1).meta.get('bootstrap')).toBe(`v${got.indexOf(true)}`);
      });

      it('20 concurrent createAccount with one account name: exactly one true', async () => {
        const s = await on();
        const got = await times(20, (i) =>
          s(i).directory.createAccount(account({ account_name: 'same@rd-test.aliyunid.com' })),
        );
        expect(count(got, (x) => x)).toBe(1);
      });

      it('10 concurrent claim() over 50 queued messages: every message leased exactly once', async () => {
        const s = await on();
        const ids: string[] = [];
        for (let i = 0; i < 50; i++) {
          const m = outboxMessage({ next_attempt_at: T0 - i });
          ids.push(m.id);
          await s(0).outbox.enqueue(m);
        }
        const batches = await times(10, (i) => s(i).outbox.claim(T0, T0 + 30_000, 7));
        const claimed = batches.flat();
        expect(batches.every((b) => b.length <= 7)).toBe(true);
        expect(claimed.map((m) => m.id).sort()).toEqual([...ids].sort());
        expect(claimed.every((m) => m.attempts === 1 && m.status === 'sending')).toBe(true);
        expect(await s(1).outbox.claim(T0 + 1, T0 + 30_001, 100)).toEqual([]);
      });
    });
  }

  describe('transaction races through one store', () => {
    it('10 concurrent atomically blocks, half failing: only the successful half is persisted', async () => {
      const s = db().store;
      const results = await times(10, (i) =>
        s.atomically(async (tx) => {
          const n = await tx.limits.increment('tx-race', 'counter', T0, 1000);
          await tx.meta.setIfAbsent(`block-${i}`, String(n));
          await tx.nonces.claim('LTAI5tTx', `nonce-${i}`, T0 + 900_000);
          return i % 2 === 0 ? ok(n) : err(`block ${i} refused`);
        }),
      );
      expect(count(results, (r) => r.ok)).toBe(5);
      // Committed blocks counted 1..5 in some order; refused blocks left no trace.
      expect(
        results
          .filter((r) => r.ok)
          .map((r) => (r.ok ? r.value : 0))
          .sort(),
      ).toEqual([1, 2, 3, 4, 5]);
      expect(await s.limits.increment('tx-race', 'counter', T0, 1000)).toBe(6);
      for (let i = 0; i < 10; i++) {
        expect(await s.meta.get(`block-${i}`)).toEqual(i % 2 === 0 ? expect.any(String) : undefined);
        expect(await s.nonces.claim('LTAI5tTx', `nonce-${i}`, T0 + 900_000)).toBe(i % 2 !== 0);
      }
    });

    it('concurrent atomically blocks racing for one code: one consumes and binds, the rest roll back', async () => {
      const s = db().store;
      const a = account();
      await s.directory.createAccount(a);
      const c = code({ account_id: a.id });
      await s.codes.insert(c);
      const results = await times(10, (i) =>
        s.atomically(async (tx) => {
          if (!(await tx.codes.consume(c.id, T0 + 1))) return err('used');
          if (!(await tx.directory.bindSecurePhone(a.id, `+12025550${100 + i}`, T0 + 1))) return err('bound');
          await tx.meta.setIfAbsent(`winner-${i}`, 'yes');
          return ok(i);
        }),
      );
      expect(count(results, (r) => r.ok)).toBe(1);
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'used')).toBe(true);
      const winner = results.findIndex((r) => r.ok);
      expect((await s.directory.getAccount(a.id))?.secure_mobile_phone).toBe(`+12025550${100 + winner}`);
    });
  });
}
