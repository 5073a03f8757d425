/** AccessKey last use: kept in memory, flushed in batches (timer or on demand), kept across a failed flush. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeyUsageTracker } from '../../src/domain/ram/key-usage.js';
import type { Store } from '../../src/store/ports.js';

function fakeStore() {
  const stored = new Map<string, number>();
  const writes: Array<Array<readonly [string, number]>> = [];
  let failNext = false;
  const ramExtras = {
    async recordKeyUses(uses: ReadonlyArray<readonly [string, number]>) {
      if (failNext) {
        failNext = false;
        throw new Error('store down');
      }
      writes.push([...uses]);
      for (const [id, at] of uses) stored.set(id, Math.max(at, stored.get(id) ?? 0));
    },
    async keyLastUsed(id: string) {
      return stored.get(id);
    },
  } as unknown as Store['ramExtras'];
  return { store: { ramExtras }, stored, writes, fail: () => (failNext = true) };
}

afterEach(() => vi.useRealTimers());

describe('KeyUsageTracker', () => {
  it('does not write per request: many uses become one write per flush', async () => {
    const f = fakeStore();
    const t = new KeyUsageTracker(f.store);
    for (let i = 0; i < 1000; i++) t.record('LTAIaaaa', 1_000 + i);
    t.record('LTAIbbbb', 5);
    t.record('STS.session', 7);
    expect(f.writes).toHaveLength(0);
    expect(await t.lastUsed('LTAIaaaa')).toBe(1_999);
    await t.flush();
    expect(f.writes).toEqual([
      [
        ['LTAIaaaa', 1_999],
        ['LTAIbbbb', 5],
      ],
    ]);
    await t.flush();
    expect(f.writes).toHaveLength(1);
    expect(await t.lastUsed('LTAIaaaa')).toBe(1_999);
    expect(await t.lastUsed('STS.session')).toBeUndefined();
  });

  it('a failed flush keeps the uses for the next one', async () => {
    const f = fakeStore();
    const t = new KeyUsageTracker(f.store);
    t.record('LTAIaaaa', 10);
    f.fail();
    await expect(t.flush()).rejects.toThrow('store down');
    t.record('LTAIaaaa', 9);
    await t.flush();
    expect(f.stored.get('LTAIaaaa')).toBe(10);
  });

  it('the timer flushes every interval', async () => {
    vi.useFakeTimers();
    const f = fakeStore();
    const t = new KeyUsageTracker(f.store);
    t.start(10_000, { warn: () => undefined });
    t.record('LTAIaaaa', 42);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(f.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(f.stored.get('LTAIaaaa')).toBe(42);
    t.stop();
  });
});
