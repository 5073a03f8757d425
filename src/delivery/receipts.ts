import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { DeliveryRepo } from '../store/ports.js';
import type { DeliveryMetrics } from './metrics.js';
import type { ReceiptSink } from './provider.js';

/**
 * The receipt sink handed to a provider: stores each receipt once (duplicates are dropped by the
 * store), moves the matching message to delivered/undelivered and observes the delivery latency.
 * Never throws: a receipt that cannot be stored is logged (providers repeat receipts anyway).
 */
export function receiptSink(
  provider: string,
  deps: { delivery: DeliveryRepo; clock: Clock; log: Logger; metrics?: DeliveryMetrics },
): ReceiptSink & { settled: Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const sink = ((r) => {
    // Serialised per provider so receipts for one message apply in arrival order.
    chain = chain.then(async () => {
      try {
        const now = deps.clock.now();
        const fresh = await deps.delivery.recordReceipt({
          provider,
          provider_message_id: r.providerMessageId,
          state: r.state,
          detail: r.detail?.slice(0, 200) ?? null,
          received_at: now,
        });
        if (!fresh) return;
        deps.metrics?.receipts.inc({ provider, state: r.state });
        const moved = await deps.delivery.applyReceipts(provider, r.providerMessageId, now);
        if (moved?.status === 'delivered')
          deps.metrics?.deliveryLatency.observe({ provider }, (now - moved.createdAt) / 1000);
        deps.log.info(
          { provider, providerMessageId: r.providerMessageId, state: r.state, messageId: moved?.id },
          'sms receipt',
        );
      } catch (e) {
        deps.log.warn({ provider, err: e instanceof Error ? e.message : String(e) }, 'sms receipt not stored');
      }
    });
    sink.settled = chain;
  }) as ReceiptSink & { settled: Promise<void> };
  sink.settled = chain;
  return sink;
}
