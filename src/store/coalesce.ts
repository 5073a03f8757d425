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
