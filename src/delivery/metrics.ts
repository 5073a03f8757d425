import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DeliveryRepo } from '../store/ports.js';

/**
 * Delivery metrics per provider, registered on the app's registry (GET /_resdir/metrics).
 * Labels never carry message ids, numbers or codes.
 */
export class DeliveryMetrics {
  readonly sent: Counter<'provider'>;
  readonly retries: Counter<'provider'>;
  readonly failures: Counter<'provider' | 'reason'>;
  readonly receipts: Counter<'provider' | 'state'>;
  readonly sendDuration: Histogram<'provider'>;
  readonly deliveryLatency: Histogram<'provider'>;

  constructor(registry: Registry, delivery?: DeliveryRepo) {
    const registers = [registry];
    this.sent = new Counter({
      name: 'resdir_sms_sent_total',
      help: 'SMS accepted by a provider',
      labelNames: ['provider'],
      registers,
    });
    this.retries = new Counter({
      name: 'resdir_sms_retries_total',
      help: 'retryable provider failures (the chain moves on or the message is retried later)',
      labelNames: ['provider'],
      registers,
    });
    this.failures = new Counter({
      name: 'resdir_sms_failures_total',
      help: 'messages that ended without being sent (reason: permanent, exhausted, expired)',
      labelNames: ['provider', 'reason'],
      registers,
    });
    this.receipts = new Counter({
      name: 'resdir_sms_receipts_total',
      help: 'delivery receipts received (duplicates excluded)',
      labelNames: ['provider', 'state'],
      registers,
    });
    this.sendDuration = new Histogram({
      name: 'resdir_sms_send_duration_seconds',
      help: 'duration of one provider call',
      labelNames: ['provider'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.deliveryLatency = new Histogram({
      name: 'resdir_sms_delivery_latency_seconds',
      help: 'from the Send (outbox message created) to the delivery receipt',
      labelNames: ['provider'],
      buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
    });
    if (delivery) {
      new Gauge({
        name: 'resdir_sms_outbox_messages',
        help: 'outbox messages per status',
        labelNames: ['status'],
        registers,
        async collect() {
          this.reset();
          for (const [status, n] of Object.entries(await delivery.statusCounts())) this.set({ status }, n);
        },
      });
    }
  }
}
