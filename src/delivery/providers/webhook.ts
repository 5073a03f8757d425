import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../lib/clock.js';
import {
  PermanentSmsError,
  type ReceiptSink,
  type SmsMessage,
  type SmsProvider,
  type SmsReceiptReport,
} from '../provider.js';

export interface WebhookOptions {
  url: string;
  secret: string;
  timeoutMs: number;
}

export const SIGNATURE_HEADER = 'x-resdir-signature';
export const TIMESTAMP_HEADER = 'x-resdir-timestamp';
export const MESSAGE_ID_HEADER = 'x-resdir-message-id';

/** `v1=` + hex HMAC-SHA256 over `<timestamp>.<body>` with the shared secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers (and tests): true when `signature` is the signature of (timestamp, body) and the
 * timestamp (unix seconds) is within `toleranceSeconds` of `nowMs`. Compares in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  nowMs: number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const want = Buffer.from(webhookSignature(secret, timestamp, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * POSTs each SMS as JSON to the configured URL, signed (see webhookSignature) so the receiver can
 * verify it. Body: {"id","to","text","purpose","accountId","code","minutes"}; `id` is our message
 * id (also the x-resdir-message-id header): a message sent twice after a crash carries the same id.
 *
 * Outcomes: 2xx = sent (the provider message id is the body's "messageId" when it is a string,
 * else our id); 408 and 429 = retry; any other 4xx = permanent failure; 5xx, network errors and
 * timeouts (timeoutMs) = retry. Error texts carry the status only, never the response body.
 * Receipts come back through POST /_resdir/sms/receipts (readWebhookReceipt).
 */
const RECEIPT_STATES: ReadonlySet<string> = new Set(['delivered', 'undelivered', 'enroute', 'accepted']);

/**
 * Reads a receipt the gateway POSTs back, signed like our messages (same secret, same headers):
 * `{"messageId": <the provider message id: the messageId the gateway answered, else our id>,
 * "state": "delivered" | "undelivered" | "enroute" | "accepted", "detail"?: string}`.
 */
export function readWebhookReceipt(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  nowMs: number,
): SmsReceiptReport | 'unauthorized' | 'invalid' {
  const header = (n: string) => (typeof headers[n] === 'string' ? (headers[n] as string) : '');
  if (!verifyWebhookSignature(secret, header(TIMESTAMP_HEADER), body, header(SIGNATURE_HEADER), nowMs))
    return 'unauthorized';
  let r: { messageId?: unknown; state?: unknown; detail?: unknown };
  try {
    r = JSON.parse(body) as typeof r;
  } catch {
    return 'invalid';
  }
  if (
    typeof r !== 'object' ||
    r === null ||
    typeof r.messageId !== 'string' ||
    r.messageId === '' ||
    r.messageId.length > 200 ||
    typeof r.state !== 'string' ||
    !RECEIPT_STATES.has(r.state)
  )
    return 'invalid';
  return {
    providerMessageId: r.messageId,
    state: r.state as SmsReceiptReport['state'],
    ...(typeof r.detail === 'string' ? { detail: r.detail.slice(0, 200) } : {}),
  };
}

/** The webhook provider, plus the intake for the receipts its gateway posts back. */
export interface WebhookProvider extends SmsProvider {
  /** Verifies and hands on one posted receipt (to the sink given to start). */
  receipt(
    headers: Record<string, string | string[] | undefined>,
    body: string,
  ): 'accepted' | 'unauthorized' | 'invalid';
}

export function webhookProvider(opts: WebhookOptions, clock: Clock): WebhookProvider {
  let sink: ReceiptSink | undefined;
  return {
    name: 'webhook',
    start(s) {
      sink = s;
    },
    receipt(headers, body) {
      const r = readWebhookReceipt(opts.secret, headers, body, clock.now());
      if (typeof r === 'string') return r;
      sink?.(r);
      return 'accepted';
    },
    async send(m: SmsMessage) {
      const body = JSON.stringify({
        id: m.id,
        to: m.to,
        text: m.text,
        purpose: m.purpose,
        accountId: m.accountId,
        code: m.params.code,
        minutes: m.params.minutes,
      });
      const timestamp = String(Math.floor(clock.now() / 1000));
      let res: Response;
      try {
        res = await fetch(opts.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [TIMESTAMP_HEADER]: timestamp,
            [SIGNATURE_HEADER]: webhookSignature(opts.secret, timestamp, body),
            [MESSAGE_ID_HEADER]: m.id,
          },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs),
          redirect: 'error',
        });
      } catch (e) {
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        throw new Error(
          timedOut
            ? `webhook timed out after ${opts.timeoutMs} ms`
            : `webhook unreachable ` +
                `(${e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : 'error'})`,
        );
      }
      let reply: unknown;
      try {
        reply = await res.json();
      } catch {
        reply = undefined;
      }
      if (res.ok) {
        const id = (reply as { messageId?: unknown } | undefined)?.messageId;
        return { providerMessageId: typeof id === 'string' && id !== '' ? id.slice(0, 200) : m.id };
      }
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        throw new PermanentSmsError(`webhook refused the message with HTTP ${res.status}`, `HTTP ${res.status}`);
      }
      throw new Error(`webhook answered HTTP ${res.status}`);
    },
  };
}
