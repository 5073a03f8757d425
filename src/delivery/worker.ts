import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { Keyring } from '../lib/keyring.js';
import type { OutboxMessage, OutboxRepo } from '../store/ports.js';
import { renderSms, type SmsPayload } from '../domain/verification/template.js';
import { PermanentSmsError, type SmsProvider } from './provider.js';

export interface WorkerOptions {
  leaseMs: number; // how long a claimed message is ours before another worker may take it
  batch: number;
  idlePollMs: number; // fallback poll when nothing pokes the worker
  maxAttempts: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { leaseMs: 30_000, batch: 20, idlePollMs: 1_000, maxAttempts: 8 };

/**
 * Delivers queued outbox messages through one provider, at least once: a message is leased,
 * sent, then marked; a crash mid-send lets the lease run out and the message is sent again.
 * Never sends after the code expired (the message becomes `expired`).
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly outbox: OutboxRepo,
    private readonly provider: SmsProvider,
    private readonly keyring: Keyring,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: WorkerOptions = DEFAULT_WORKER_OPTIONS,
  ) {}

  start(): void {
    this.stopped = false;
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

  /** Stops polling and waits for the pass in flight to finish its sends. */
  async stop(): Promise<void> {
    this.stopped = true;
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
        await Promise.all(batch.map((m) => this.deliver(m)));
        if (this.stopped) return;
      }
    } catch (e) {
      this.log.error({ err: e }, 'outbox pass failed');
    }
  }

  private async deliver(m: OutboxMessage): Promise<void> {
    const now = this.clock.now();
    if (m.expires_at <= now || m.payload_enc === null) {
      await this.outbox.markFinal(m.id, now, 'expired', 'the code expired before delivery');
      this.log.warn({ messageId: m.id }, 'sms expired before delivery');
      return;
    }
    const payload = JSON.parse(this.keyring.outboxPayloads.open(m.payload_enc)) as SmsPayload;
    try {
      const { providerMessageId } = await this.provider.send({
        id: m.id,
        to: m.to_phone,
        text: renderSms(payload),
        purpose: m.purpose,
        accountId: m.account_id,
        params: { code: payload.code, minutes: payload.minutes },
      });
      await this.outbox.markSent(m.id, this.clock.now(), this.provider.name, providerMessageId);
      this.log.info({ messageId: m.id, provider: this.provider.name, attempts: m.attempts }, 'sms sent');
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const at = this.clock.now();
      if (e instanceof PermanentSmsError || m.attempts >= this.opts.maxAttempts) {
        await this.outbox.markFinal(m.id, at, 'failed', reason);
        this.log.warn({ messageId: m.id, reason }, 'sms failed');
      } else {
        const backoff = Math.min(60_000, 1_000 * 2 ** (m.attempts - 1)) * (0.5 + Math.random() / 2);
        await this.outbox.markRetry(m.id, at, at + Math.round(backoff), reason);
        this.log.warn({ messageId: m.id, reason, attempts: m.attempts }, 'sms send failed; will retry');
      }
    }
  }
}
