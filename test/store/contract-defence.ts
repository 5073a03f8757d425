/**
 * Conformance of the defence primitives, single-caller contracts and races through one
 * store and through two connections to one database (as two replicas would).
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, auditEvent } from './fixtures.js';

const times = <T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)));
let seq = 0;
const subject = (): string => `subject-${++seq}`;

export function defenceContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('defence', () => {
    it('claimBackoff: base gap, doubling, cap, refusal with the wait, reset after quiet time', async () => {
      const s = subject();
      const b = (t: number) => store().defence.claimBackoff(s, t, 60_000, 200_000, 3_600_000);
      expect(await b(T0)).toEqual({ waitMs: 0, gapMs: 60_000 });
      expect(await b(T0 + 59_000)).toEqual({ waitMs: 1_000, gapMs: 60_000 });
      expect(await b(T0 + 60_000)).toEqual({ waitMs: 0, gapMs: 120_000 });
      expect(await b(T0 + 180_000)).toEqual({ waitMs: 0, gapMs: 200_000 });
      expect(await b(T0 + 380_000)).toEqual({ waitMs: 0, gapMs: 200_000 });
      expect(await b(T0 + 380_000 + 3_600_000)).toEqual({ waitMs: 0, gapMs: 60_000 });
    });

    it('takePairAttempt: max attempts in the window, the last locks, the lock expires, clearPair resets', async () => {
      const s = subject();
      const t = (at: number) => store().defence.takePairAttempt(s, at, 3, 86_400_000, 600_000);
      expect([await t(T0), await t(T0 + 1), await t(T0 + 2), await t(T0 + 3)]).toEqual([true, true, true, false]);
      expect(await store().defence.pairLockedUntil(s, T0 + 3)).toBe(T0 + 2 + 600_000);
      expect(await t(T0 + 2 + 600_000)).toBe(true); // lock over: a fresh window
      await store().defence.clearPair(s);
      expect(await store().defence.pairLockedUntil(s, T0 + 700_000)).toBeUndefined();
      // a window older than windowMs starts afresh without a lock
      const u = subject();
      expect(await store().defence.takePairAttempt(u, T0, 3, 1_000, 600_000)).toBe(true);
      expect(await store().defence.takePairAttempt(u, T0 + 1_000, 3, 1_000, 600_000)).toBe(true);
    });

    it('trip: once while blocked, again after the block; blockedUntil reports the latest active block', async () => {
      expect(await store().defence.trip('country', '65', T0, T0 + 1000)).toBe(true);
      expect(await store().defence.trip('country', '65', T0 + 1, T0 + 2000)).toBe(false);
      expect(
        await store().defence.blockedUntil(
          [
            { scope: 'country', subject: '65' },
            { scope: 'prefix', subject: '+659123' },
          ],
          T0 + 1,
        ),
      ).toBe(T0 + 1000);
      expect(await store().defence.blockedUntil([{ scope: 'country', subject: '65' }], T0 + 1000)).toBeUndefined();
      expect(await store().defence.trip('country', '65', T0 + 1000, T0 + 5000)).toBe(true);
    });

    it('idempotency: save once while live, find, replace after expiry, purge', async () => {
      const rec = {
        scope: 'acct:Send',
        token: 't1',
        fingerprint: 'f1',
        response: '{"expiresAt":1}',
        created_at: T0,
        expires_at: T0 + 1000,
      };
      expect(await store().defence.saveIdempotent(rec, T0)).toBe(true);
      expect(await store().defence.saveIdempotent({ ...rec, fingerprint: 'f2' }, T0 + 1)).toBe(false);
      expect(await store().defence.findIdempotent('acct:Send', 't1', T0 + 1)).toEqual(rec);
      expect(await store().defence.findIdempotent('acct:Send', 't1', T0 + 1000)).toBeUndefined();
      expect(
        await store().defence.saveIdempotent(
          { ...rec, fingerprint: 'f3', created_at: T0 + 1000, expires_at: T0 + 2000 },
          T0 + 1000,
        ),
      ).toBe(true);
      expect(await store().defence.purgeIdempotent(T0 + 2000)).toBe(1);
    });

    it('auditLog: filters, newest or oldest first, paging by id, caller scope, retention', async () => {
      const a = auditEvent({ time: T0, action: 'A', result_code: 'OK' });
      const b = auditEvent({ time: T0 + 1, action: 'B', result_code: 'X', target_account_id: '2000000000000009' });
      const c = auditEvent({ time: T0 + 2, action: 'A', result_code: 'OK', caller_account_id: '1000000000000002' });
      for (const e of [a, b, c]) await store().audit.append(e);
      const q = { callerAccountId: '1000000000000001', startTime: T0, endTime: T0 + 10, limit: 10 };
      expect((await store().auditLog.lookup(q)).map((e) => e.id)).toEqual([b.id, a.id]);
      expect((await store().auditLog.lookup({ ...q, action: 'A' })).map((e) => e.id)).toEqual([a.id]);
      expect(
        (await store().auditLog.lookup({ ...q, resultCode: 'X', targetAccountId: '2000000000000009' })).map(
          (e) => e.id,
        ),
      ).toEqual([b.id]);
      expect((await store().auditLog.lookup({ ...q, beforeId: b.id })).map((e) => e.id)).toEqual([a.id]);
      const forward = { ...q, oldestFirst: true };
      expect((await store().auditLog.lookup(forward)).map((e) => e.id)).toEqual([a.id, b.id]);
      expect((await store().auditLog.lookup({ ...forward, afterId: a.id })).map((e) => e.id)).toEqual([b.id]);
      expect((await store().auditLog.lookup({ ...q, callerAccountId: undefined })).map((e) => e.id)).toEqual([
        c.id,
        b.id,
        a.id,
      ]);
      expect((await store().auditLog.lookup({ ...q, startTime: T0 + 1, endTime: T0 + 1 })).map((e) => e.id)).toEqual([
        b.id,
      ]);
      expect(await store().auditLog.purgeBefore(T0 + 1)).toBe(1);
      expect((await store().auditLog.lookup({ ...q, callerAccountId: undefined })).map((e) => e.id)).toEqual([
        c.id,
        b.id,
      ]);
    });

    for (const two of [false, true]) {
      describe(`races through ${two ? 'two connections' : 'one store'}`, () => {
        const on = async () => {
          const stores = two ? [db().store, await db().connect()] : [db().store];
          return (i: number): Store => stores[i % stores.length]!;
        };

        it('50 concurrent claimBackoff at one instant: exactly one claims', async () => {
          const s = await on();
          const sub = subject();
          const got = await times(50, (i) => s(i).defence.claimBackoff(sub, T0, 60_000, 600_000, 86_400_000));
          expect(got.filter((g) => g.waitMs === 0)).toHaveLength(1);
        });

        it('50 concurrent takePairAttempt with max 15: exactly 15 succeed, and the pair is locked', async () => {
          const s = await on();
          const sub = subject();
          const got = await times(50, (i) => s(i).defence.takePairAttempt(sub, T0, 15, 86_400_000, 86_400_000));
          expect(got.filter((x) => x)).toHaveLength(15);
          expect(await s(1).defence.pairLockedUntil(sub, T0)).toBe(T0 + 86_400_000);
        });

        it('20 concurrent trips of one key: exactly one newly trips', async () => {
          const s = await on();
          const key = subject();
          const got = await times(20, (i) => s(i).defence.trip('prefix', key, T0, T0 + 1000));
          expect(got.filter((x) => x)).toHaveLength(1);
        });

        it('20 concurrent saves of one ClientToken: exactly one is stored', async () => {
          const s = await on();
          const token = subject();
          const got = await times(20, (i) =>
            s(i).defence.saveIdempotent(
              { scope: 'x', token, fingerprint: `f${i}`, response: '{}', created_at: T0, expires_at: T0 + 1000 },
              T0,
            ),
          );
          expect(got.filter((x) => x)).toHaveLength(1);
        });
      });
    }
  });
}
