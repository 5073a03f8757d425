import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Settings } from '../config/settings.js';
import type { Clock } from '../lib/clock.js';
import type { Keyring } from '../lib/keyring.js';
import type { Store } from '../store/ports.js';
import { DEFAULT_TEMPLATES, renderSms } from '../domain/verification/template.js';
import { segmentCount } from './encoding.js';
import { DeliveryMetrics } from './metrics.js';
import type { SmsProvider } from './provider.js';
import { receiptSink } from './receipts.js';
import type { WebhookProvider } from './providers/webhook.js';
import { DEFAULT_WORKER_OPTIONS, OutboxWorker } from './worker.js';
import { inlineInbox } from './inline.js';
import { INBOX_PROVIDER } from './providers/inbox.js';
import type { SmsDispatch } from '../domain/verification/send-plan.js';

export interface Delivery {
  worker: OutboxWorker;
  /** Where code Sends hand their SMS: inline to the development inbox when it leads the chain, else the worker. */
  sms: SmsDispatch;
  providers: readonly SmsProvider[];
  metrics: DeliveryMetrics;
  /** Intake of receipts posted by the webhook gateway, when the webhook provider is configured. */
  receiptIntake?: (
    headers: Record<string, string | string[] | undefined>,
    body: string,
  ) => 'accepted' | 'unauthorized' | 'invalid';
  /** Starts the providers' connections and receipt intake, then the worker. */
  start(): void;
  /** Graceful: the worker finishes and records its in-flight sends, then providers close. */
  stop(): Promise<void>;
}

/** Builds the outbox worker over the provider chain, with metrics and receipt sinks. */
export function createDelivery(
  settings: Settings,
  deps: { store: Store; keyring: Keyring; clock: Clock; log: Logger; metrics: Registry; providers: SmsProvider[] },
): Delivery {
  const { store, clock, log } = deps;
  const metrics = new DeliveryMetrics(deps.metrics, store.delivery);
  const worker = new OutboxWorker(
    store.outbox,
    deps.providers,
    deps.keyring,
    clock,
    log,
    { ...DEFAULT_WORKER_OPTIONS, leaseMs: settings.smsLeaseSeconds * 1000, maxAttempts: settings.smsMaxAttempts },
    {
      delivery: store.delivery,
      metrics,
      ...(settings.smsTemplate !== undefined ? { template: settings.smsTemplate } : {}),
    },
  );
  // A template longer than one segment still works (concatenated SMS) but costs more: say so once.
  const sample = {
    code: '0'.repeat(8),
    minutes: Math.round(settings.codeTtlSeconds / 60),
    purpose: 'bind-secure-mobile-phone',
  };
  for (const to of settings.smsTemplate !== undefined
    ? ['+1']
    : Object.keys(DEFAULT_TEMPLATES).map((l) => (l === 'zh' ? '+86' : '+1'))) {
    const segments = segmentCount(renderSms(sample, to, settings.smsTemplate));
    if (segments > 1) log.warn({ segments }, 'the SMS template renders to more than one segment');
  }
  const webhook = deps.providers.find((p): p is WebhookProvider => p.name === 'webhook' && 'receipt' in p);
  const inline =
    deps.providers[0]?.name === INBOX_PROVIDER
      ? inlineInbox({ metrics, log, template: settings.smsTemplate })
      : undefined;
  return {
    worker,
    sms: { inline, queued: () => worker.poke() },
    providers: deps.providers,
    metrics,
    ...(webhook
      ? {
          receiptIntake: (headers: Record<string, string | string[] | undefined>, body: string) =>
            webhook.receipt(headers, body),
        }
      : {}),
    start() {
      for (const p of deps.providers) p.start?.(receiptSink(p.name, { delivery: store.delivery, clock, log, metrics }));
      worker.start();
    },
    async stop() {
      await worker.stop();
      for (const p of deps.providers) await p.close?.();
    },
  };
}
