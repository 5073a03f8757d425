/** Reads the verification codes back from resdir's development inbox (GET /_resdir/sms). */

export interface Target {
  accountId: string;
  phone: string; // <cc>-<number>
}

interface Message {
  id: string;
  to: string;
  code: string;
  accountId: string;
}

async function messagesTo(url: string, phone: string): Promise<Message[]> {
  const res = await fetch(`${url}/_resdir/sms?to=${encodeURIComponent(phone)}&limit=1000`);
  if (res.status !== 200) throw new Error(`GET /_resdir/sms answered ${res.status}`);
  return ((await res.json()) as { messages: Message[] }).messages;
}

/** Runs `fn` over `items` with at most `width` in flight; results in input order. */
async function pool<T, R>(items: readonly T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return out;
}

/**
 * Polls the inbox until at least `expected` messages reached the targets' phones (the outbox
 * worker delivers asynchronously) or `timeoutMs` passes, then returns the newest code of each
 * target that got one. Message ids are time-ordered from the send, so the largest id is the
 * code that superseded all others.
 */
export async function newestCodes(
  url: string,
  targets: readonly Target[],
  expected: number,
  timeoutMs = 60_000,
): Promise<{ codes: Map<string, string>; delivered: number }> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  for (;;) {
    const all = await pool(targets, 16, (t) => messagesTo(url, t.phone));
    const delivered = all.reduce((n, m) => n + m.length, 0);
    const settled = delivered >= expected && delivered === previous;
    if (settled || Date.now() > deadline) {
      const codes = new Map<string, string>();
      targets.forEach((t, i) => {
        const mine = all[i]!.filter((m) => m.accountId === t.accountId).sort((a, b) => (a.id < b.id ? 1 : -1));
        if (mine[0]) codes.set(t.accountId, mine[0].code);
      });
      return { codes, delivered };
    }
    previous = delivered;
    await new Promise((r) => setTimeout(r, 250));
  }
}
