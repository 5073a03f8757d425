import type { Logger } from 'pino';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/ports.js';

const SWEEP_EVERY_MS = 3_600_000;

/**
 * Hourly sweep: drops audit records older than the retention (0 keeps them forever) and expired
 * ClientToken records. Retention is the only way audit records ever leave the store. Returns a
 * function that stops the sweep.
 */
export function startDefenceSweep(store: Store, clock: Clock, retentionDays: number, log: Logger): () => void {
  const run = async () => {
    const now = clock.now();
    await store.defence.purgeIdempotent(now);
    if (retentionDays > 0) {
      const removed = await store.auditLog.purgeBefore(now - retentionDays * 86_400_000);
      if (removed > 0) log.info({ removed, retentionDays }, 'audit retention');
    }
  };
  const tick = () => void run().catch((e: unknown) => log.warn({ err: e }, 'defence sweep failed'));
  const timer = setInterval(tick, SWEEP_EVERY_MS);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
