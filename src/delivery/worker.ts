import type { Logger } from 'pino';
import { isStoreUnavailable } from '../store/unavailable.js';
import type { Clock } from '../lib/clock.js';
import type { Keyring } from '../lib/keyring.js';
import type { ClaimedMessage, DeliveryRepo, OutboxRepo, Settlement, SmsAttempt } from '../store/ports.js';
import { renderSms, type SmsPayload } from '../domain/verification/template.js';
import { attemptId, PermanentSmsError, type SmsProvider } from './provider.js';
import type { DeliveryMetrics } from './metrics.js';

export interface WorkerOptions {
  leaseMs: number; // how long a claimed message is ours before another worker may take it
  batch: number;
  idlePollMs: number; // fallback poll when nothing pokes the worker
  maxAttempts: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { leaseMs: 30_000, batch: 20, idlePollMs: 1_000, maxAttempts: 8 };

/** Optional collaborators; without them the worker only moves outbox rows. */
export interface WorkerExtras {
  delivery?: DeliveryRepo; // attempt log and receipt settlement
  metrics?: DeliveryMetrics;
  /** The RESDIR_SMS_TEMPLATE setting; absent = the default text for the number's language. */
  template?: string;
  /** [0, 1) source for the backoff jitter; tests pin it. */
  random?: () => number;
}

/** Delay before the retry that follows attempt `attempt` (1-based): 1 s doubling to 60 s, times 0.5–1 (jitter). */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(60_000, 1_000 * 2 ** (attempt - 1)) * (0.5 + random() / 2));
}

/** Failure text safe to store and log: the code is masked should a provider ever echo it. */
const scrub = (e: unknown, code: string): string =>
  (e instanceof Error ? e.message : String(e)).split(code).join('******').slice(0, 500);

/**
 * Delivers queued outbox messages, at least once, through a chain of providers: a message is
 * leased, sent through the first provider that accepts it, then marked; a crash mid-send lets the
 * lease run out and the message is sent again (our message id travels with it, so the receiver
 * sees duplicates). Every provider call is recorded as an attempt. Retryable failures of the
 * whole chain are retried with exponential backoff and jitter; a permanent failure ends the
 * message as `failed`. Never sends after the code expired (the message becomes `expired`).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true; // not polling (never started, or stopped)
  private stopping = false; // stop() was called: passes end after the batch in flight
  private readonly providers: readonly SmsProvider[];

  constructor(
    private readonly outbox: OutboxRepo,
    provider: SmsProvider | readonly SmsProvider[],
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: WorkerOptions = DEFAULT_WORKER_OPTIONS,
    private readonly extras: WorkerExtras = {},
  ) {
    this.providers = Array.isArray(provider) ? provider : [provider as SmsProvider];
    if (this.providers.length === 0) throw new Error('the outbox worker needs at least one SMS provider');
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.poke();
  }

  /** Asks for a delivery pass soon (called after a message is committed). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.pass().finally(() => {
      this.running = undefined;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.poke();
      } else {
        this.timer = setTimeout(() => this.poke(), this.opts.idlePollMs);
        this.timer.unref();
      }
    });
  }

  /** Stops claiming and waits for the sends in flight to finish and be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: claim due messages until none are left. Exposed for tests. */
  async pass(): Promise<void> {
    try {
      for (;;) {
        const now = this.clock.now();
        const batch = await this.outbox.claim(now, now + this.opts.leaseMs, this.opts.batch);
        if (batch.length === 0) return;
        // Every message of the batch is sent, then all outcomes and attempts are recorded in one
        // transaction. A delivery that throws (a bug) leaves its message leased: it comes back.
        const settled = await Promise.all(
          batch.map((m) =>
            this.deliver(m).catch((e: unknown) => {
              this.log.error({ err: e, messageId: m.id }, 'sms delivery failed; the lease will bring it back');
              return undefined;
            }),
          ),
        );
        await this.record(settled.filter((d): d is Delivered => d !== undefined));
        if (this.stopping) return;
      }
    } catch (e) {
      // The store being away is an outage, already visible on /_resdir/health: one warning line.
      if (isStoreUnavailable(e)) this.log.warn({ reason: e.message }, 'outbox pass skipped: store unavailable');
      else this.log.error({ err: e }, 'outbox pass failed');
    }
  }

  /** A retry first asks a provider that supports it whether an earlier attempt got through. */
  private async findSent(provider: SmsProvider, m: ClaimedMessage): Promise<string | undefined> {
    if (!provider.findSent) return undefined;
    try {
      return await provider.findSent({ id: m.id, to: m.to_phone, createdAt: m.created_at });
    } catch (e) {
      this.log.warn(
        { messageId: m.id, provider: provider.name, err: e instanceof Error ? e.message : String(e) },
        'could not check for an earlier send; sending',
      );
      return undefined;
    }
  }

  /**
   * Records a batch's outcomes at once; then, for each outcome that applied, what follows it: its
   * log line and metrics at once, then receipt settlement.
   */
  private async record(done: Delivered[]): Promise<void> {
    const applied = await this.outbox.settle(done.map((d) => d.settlement));
    const follow: Array<Promise<void>> = [];
    for (const [i, d] of done.entries()) {
      if (!applied[i]) {
        this.log.warn(
          { messageId: d.settlement.lease.id, outcome: d.settlement.outcome.kind },
          'outbox lease lost before the outcome was recorded; another claim owns the message',
        );
        continue;
      }
      d.recorded?.();
      if (d.settleReceipts) follow.push(d.settleReceipts());
    }
    await Promise.all(follow);
  }

  private expire(m: ClaimedMessage, reason: string, attempts: SmsAttempt[] = []): Delivered {
    return {
      settlement: { lease: lease(m), outcome: { kind: 'expired', at: this.clock.now(), error: reason }, attempts },
      recorded: () => {
        this.extras.metrics?.failures.inc({ provider: m.provider ?? 'none', reason: 'expired' });
        this.log.warn({ messageId: m.id }, 'sms expired before delivery');
      },
    };
  }

  /** Sends one message through the chain; returns its outcome to record (nothing written here). */
  private async deliver(m: ClaimedMessage): Promise<Delivered> {
    if (m.expires_at <= this.clock.now() || m.payload_enc === null)
      return this.expire(m, 'the code expired before delivery');
    const payload = JSON.parse(this.keyring.outboxPayloads.open(m.payload_enc)) as SmsPayload;
    const text = renderSms(payload, m.to_phone, this.extras.template);
    const { delivery, metrics } = this.extras;
    const attempts: SmsAttempt[] = [];
    let lastError = 'no provider accepted the message';
    let lastProvider = this.providers[0]!.name;
    for (const [i, provider] of this.providers.entries()) {
      const started = this.clock.now();
      if (started >= m.expires_at) return this.expire(m, 'the code expired before delivery', attempts);
      const record = (outcome: 'sent' | 'retry' | 'failed', providerMessageId: string | null, error: string | null) =>
        attempts.push({
          id: attemptId(m.id, m.attempts, i),
          message_id: m.id,
          attempt: m.attempts,
          provider: provider.name,
          started_at: started,
          finished_at: this.clock.now(),
          outcome,
          provider_message_id: providerMessageId,
          error,
        });
      const t0 = performance.now();
      let known: string | undefined;
      let providerMessageId: string;
      try {
        known = m.attempts > 1 ? await this.findSent(provider, m) : undefined;
        providerMessageId =
          known ??
          (
            await provider.send({
              id: m.id,
              to: m.to_phone,
              text,
              purpose: m.purpose,
              accountId: m.account_id,
              params: { code: payload.code, minutes: payload.minutes },
            })
          ).providerMessageId;
      } catch (e) {
        metrics?.sendDuration.observe({ provider: provider.name }, (performance.now() - t0) / 1000);
        const reason =
          this.providers.length > 1 ? `${provider.name}: ${scrub(e, payload.code)}` : scrub(e, payload.code);
        if (e instanceof PermanentSmsError) {
          record('failed', null, reason);
          return {
            settlement: { lease: lease(m), outcome: { kind: 'failed', at: this.clock.now(), error: reason }, attempts },
            recorded: () => {
              metrics?.failures.inc({ provider: provider.name, reason: 'permanent' });
              this.log.warn({ messageId: m.id, provider: provider.name, reason }, 'sms failed');
            },
          };
        }
        record('retry', null, reason);
        metrics?.retries.inc({ provider: provider.name });
        this.log.warn({ messageId: m.id, provider: provider.name, reason, attempts: m.attempts }, 'sms send failed');
        lastError = reason;
        lastProvider = provider.name;
        continue;
      }
      // Accepted. Recorded by the caller with the rest of the batch: a store error from here on
      // is not a provider failure (the message stays leased and comes back, at least once).
      metrics?.sendDuration.observe({ provider: provider.name }, (performance.now() - t0) / 1000);
      const at = this.clock.now();
      record('sent', providerMessageId, null);
      return {
        settlement: {
          lease: lease(m),
          outcome: { kind: 'sent', at, provider: provider.name, providerMessageId },
          attempts,
        },
        recorded: () => {
          metrics?.sent.inc({ provider: provider.name });
          this.log.info(
            {
              messageId: m.id,
              provider: provider.name,
              providerMessageId,
              attempts: m.attempts,
              ...(known ? { foundAtProvider: true } : {}),
            },
            'sms sent',
          );
        },
        // A receipt may have overtaken the recording of the send (only providers that start a
        // receipt sink ever deliver receipts).
        settleReceipts:
          provider.start &&
          (async () => {
            const settled = await delivery?.applyReceipts(provider.name, providerMessageId, at);
            if (settled?.status === 'delivered')
              metrics?.deliveryLatency.observe({ provider: provider.name }, (at - settled.createdAt) / 1000);
          }),
      };
    }
    const at = this.clock.now();
    if (m.attempts >= this.opts.maxAttempts) {
      return {
        settlement: { lease: lease(m), outcome: { kind: 'failed', at, error: lastError }, attempts },
        recorded: () => {
          metrics?.failures.inc({ provider: lastProvider, reason: 'exhausted' });
          this.log.warn({ messageId: m.id, reason: lastError, attempts: m.attempts }, 'sms failed: no attempts left');
        },
      };
    }
    const next = at + backoffMs(m.attempts, this.extras.random);
    if (next >= m.expires_at)
      return this.expire(m, `the code expires before the next attempt (${lastError})`, attempts);
    return {
      settlement: { lease: lease(m), outcome: { kind: 'retry', at, nextAttemptAt: next, error: lastError }, attempts },
    };
  }
}

/** A delivery's outcome to record, and what follows once it is recorded (only if its lease held). */
interface Delivered {
  settlement: Settlement;
  /** Log line and metrics. */
  recorded?: () => void;
  /** Store work that follows (receipt settlement). */
  settleReceipts?: () => Promise<void>;
}

const lease = (m: ClaimedMessage) => ({ id: m.id, token: m.leaseToken });
