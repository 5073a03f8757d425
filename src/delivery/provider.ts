import { randomHex } from '../lib/ids.js';

/** One SMS to deliver. `params` carries the code for providers that fill templates themselves. */
export interface SmsMessage {
  id: string; // our outbox message id; providers pass it on so duplicates are visible
  to: string; // E.164
  text: string;
  purpose: string;
  accountId: string;
  params: { code: string; minutes: number };
}

/**
 * A provider attempt's ID: the message, its outbox attempt (4 digits), the provider's position in
 * the chain, and a random salt (a retried call is a new attempt row).
 */
export const attemptId = (messageId: string, attempt: number, position: number): string =>
  `${messageId}:${String(attempt).padStart(4, '0')}:${position}:${randomHex(3)}`;

/**
 * Thrown by a provider for a failure that will not go away by retrying (e.g. an invalid number):
 * the message becomes `failed` and no other provider of the chain is tried. `code` is the
 * provider's own error code, when it has one. Messages must never contain the SMS text or code.
 */
export class PermanentSmsError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** A delivery receipt as a provider reports it; `detail` never carries the text. */
export interface SmsReceiptReport {
  providerMessageId: string;
  state: 'delivered' | 'undelivered' | 'enroute' | 'accepted';
  detail?: string;
}

/** Where providers hand receipts; the provider name is added by the sink. */
export type ReceiptSink = (r: SmsReceiptReport) => void;

export interface SmsProvider {
  readonly name: string;
  /**
   * Resolves with the provider's message id once accepted; throws to signal a failure —
   * retryable (the next provider of the chain is tried, then the message is retried with
   * backoff) unless PermanentSmsError.
   */
  send(m: SmsMessage): Promise<{ providerMessageId: string }>;
  /**
   * For providers whose send is not idempotent: before a message is sent again (a previous
   * attempt crashed or timed out and may have been accepted after all), asks the provider whether
   * it already has the message, by our id. Resolves with the provider message id if so.
   * Throwing or resolving undefined means "send it".
   */
  findSent?(m: { id: string; to: string; createdAt: number }): Promise<string | undefined>;
  /** Starts background work (connections, receipt polling); receipts go to `sink`. */
  start?(sink: ReceiptSink): void;
  /** Stops background work. The worker has finished its in-flight sends before this is called. */
  close?(): Promise<void>;
}
