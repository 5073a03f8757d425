/**
 * Calls made in the same event-loop turn share one `flush` (one statement, one round trip); each
 * call resolves or rejects with that flush. A call made while a flush runs joins the next one.
 */
export function coalesced<T>(flush: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let open: { items: T[]; done: Promise<void> } | undefined;
  return (item) => {
    if (open) {
      open.items.push(item);
      return open.done;
    }
    const items = [item];
    const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      open = undefined;
      return flush(items);
    });
    open = { items, done };
    return done;
  };
}

/**
 * Calls made in the same event-loop turn (at most `max`) share one `run`, which answers each item
 * in order. When a shared run fails (a deadlock between two batches, say, rolls back the whole
 * batch), every item runs again on its own (`alone`), so one item's failure is only its own.
 */
export function batched<T, R>(
  run: (items: T[]) => Promise<R[]>,
  alone: (item: T) => Promise<R> = async (item) => (await run([item]))[0]!,
  max = 64,
): (item: T) => Promise<R> {
  let open: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> | undefined;
  const flush = async (batch: NonNullable<typeof open>): Promise<void> => {
    try {
      const results = await run(batch.map((b) => b.item));
      for (const [i, b] of batch.entries()) b.resolve(results[i]!);
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(e);
      for (const b of batch) alone(b.item).then(b.resolve, b.reject);
    }
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      if (!open || open.length >= max) {
        const batch: NonNullable<typeof open> = [];
        open = batch;
        setImmediate(() => {
          if (open === batch) open = undefined;
          void flush(batch);
        });
      }
      open.push({ item, resolve, reject });
    });
}
