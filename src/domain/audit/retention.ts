import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/ports.js';

const SWEEP_EVERY_MS = 3_600_000;

/**
 * One sweep at the clock's current time: drops audit records older than the retention (0 keeps
 * them forever) and expired ClientToken records. Resolves with the number of audit records removed.
 */
export async function sweepOnce(store: Store, clock: Clock, retentionDays: number, log: Logger): Promise<number> {
  const now = clock.now();
  await store.defence.purgeIdempotent(now);
  if (retentionDays <= 0) return 0;
  const removed = await store.auditLog.purgeBefore(now - retentionDays * 86_400_000);
  if (removed > 0) log.info({ removed, retentionDays }, 'audit retention');
  return removed;
}

/**
 * Hourly sweep (sweepOnce now, then every hour). Retention is the only way audit records ever
 * leave the store. Returns a function that stops the sweep.
 */
export function startDefenceSweep(store: Store, clock: Clock, retentionDays: number, log: Logger): () => void {
  const tick = () =>
    void sweepOnce(store, clock, retentionDays, log).catch((e: unknown) =>
      log.warn({ err: e }, 'defence sweep failed'),
    );
  const timer = setInterval(tick, SWEEP_EVERY_MS);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
