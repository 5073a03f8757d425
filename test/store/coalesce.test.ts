/** Calls of one event-loop turn share one run; a failed shared run leaves each call to run alone. */
import { describe, expect, it } from 'vitest';
import { batched, coalesced } from '../../src/store/coalesce.js';

describe('coalesced', () => {
  it('flushes the calls of one turn together, and later calls in the next flush', async () => {
    const flushes: number[][] = [];
    const add = coalesced<number>(async (items) => {
      flushes.push([...items]);
    });
    await Promise.all([add(1), add(2), add(3)]);
    await add(4);
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });
});

describe('batched', () => {
  it('answers each call of one turn from one run, in order', async () => {
    const runs: number[][] = [];
    const square = batched<number, number>(async (xs) => {
      runs.push([...xs]);
      return xs.map((x) => x * x);
    });
    expect(await Promise.all([square(2), square(3), square(4)])).toEqual([4, 9, 16]);
    expect(runs).toEqual([[2, 3, 4]]);
  });

  it('caps a run at `max` items', async () => {
    const runs: number[] = [];
    const id = batched<number, number>(
      async (xs) => {
        runs.push(xs.length);
        return xs;
      },
      undefined,
      2,
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map(id))).toEqual([1, 2, 3, 4, 5]);
    expect(runs).toEqual([2, 2, 1]);
  });

  it('when a shared run fails, every call runs alone: only the bad one fails', async () => {
    const alone: number[] = [];
    const half = batched<number, number>(
      async (xs) => {
        if (xs.length > 1 || xs[0] === 3) throw new Error(`run ${xs.join(',')}`);
        return [xs[0]! / 2];
      },
      async (x) => {
        alone.push(x);
        if (x === 3) throw new Error('odd');
        return x / 2;
      },
    );
    const got = await Promise.allSettled([half(2), half(3), half(4)]);
    expect(got.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([1, 'odd', 2]);
    expect(alone).toEqual([2, 3, 4]);
    await expect(half(3)).rejects.toThrow('run 3');
  });
});
