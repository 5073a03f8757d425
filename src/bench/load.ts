/**
 * One autocannon run where every request is produced fresh by `next()` (fresh nonce and signature).
 * Latency and throughput are taken from autocannon's per-response events rather than its summary:
 * the summary keeps whole milliseconds, counts only 2xx latencies and rounds an `amount` run up to
 * its next 1-second sampling tick.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { SignedRequest } from './sign.js';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration?: number;
  /** A fixed number of requests instead of a duration. */
  amount?: number;
  next: () => SignedRequest;
}

export interface Measurement {
  requests: number; // responses received, any status
  seconds: number; // from the start to the last response
  rps: number;
  p50: number; // ms, all responses
  p99: number; // ms, all responses
  statuses: Record<string, number>;
  errors: number; // socket errors and timeouts
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function load(o: LoadOptions): Promise<Measurement> {
  // The client's garbage from earlier runs (a run's pre-signed stock is tens of megabytes) is
  // collected before this run starts, not in the middle of it (`npm run bench` runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const connections = o.amount !== undefined ? Math.max(1, Math.min(o.connections, o.amount)) : o.connections;
  const latencies: number[] = [];
  const started = performance.now();
  let last = started;
  const run = autocannon({
    url: o.url,
    connections,
    timeout: 30,
    ...(o.amount !== undefined ? { amount: o.amount } : { duration: o.duration ?? 10 }),
    requests: [{ setupRequest: (req) => ({ ...req, ...o.next() }) }],
  });
  run.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms);
    last = performance.now();
  });
  const r = await run;
  latencies.sort((a, b) => a - b);
  const seconds = (last - started) / 1000;
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats)) statuses[code] = s.count;
  return {
    requests: latencies.length,
    seconds,
    rps: seconds > 0 ? latencies.length / seconds : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    statuses,
    errors: r.errors + r.timeouts,
  };
}
