/**
 * When each permanent AccessKey last authenticated a request (GetAccessKeyLastUsed). Recording is
 * a map write on the request path; the map is flushed to the store by a timer (every `intervalMs`)
 * and on shutdown, so requests never wait for a write. A reader sees this replica's unflushed uses
 * and every replica's flushed ones. A crash loses at most the last interval's uses.
 */
import type { Logger } from 'pino';
import type { Store } from '../../store/ports.js';
import { STS_KEY_PREFIX } from '../identity/credentials.js';

export class KeyUsageTracker {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Pick<Store, 'ramExtras'>) {}

  /** O(1), never throws, never awaits. STS keys are not tracked (they expire). */
  record(accessKeyId: string, at: number): void {
    if (accessKeyId.startsWith(STS_KEY_PREFIX)) return;
    const seen = this.pending.get(accessKeyId);
    if (seen === undefined || seen < at) this.pending.set(accessKeyId, at);
  }

  /** The latest use known: this replica's pending one or the stored one. */
  async lastUsed(accessKeyId: string): Promise<number | undefined> {
    const stored = await this.store.ramExtras.keyLastUsed(accessKeyId);
    const mine = this.pending.get(accessKeyId);
    if (mine === undefined) return stored;
    return stored === undefined ? mine : Math.max(mine, stored);
  }

  /** Writes the pending uses; on failure they are merged back for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.store.ramExtras.recordKeyUses([...batch]);
      } catch (e) {
        for (const [id, at] of batch) this.record(id, at);
        throw e;
      }
    });
    const done = this.flushing;
    this.flushing = done.catch(() => undefined);
    return done;
  }

  start(intervalMs: number, log: Pick<Logger, 'warn'>): void {
    this.stop();
    this.timer = setInterval(() => {
      this.flush().catch((e: unknown) => log.warn({ err: e }, 'AccessKey last-use flush failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
