/** One SMS to deliver. `params` carries the code for providers that fill templates themselves. */
export interface SmsMessage {
  id: string; // our outbox message id; providers pass it on so duplicates are visible
  to: string; // E.164
  text: string;
  purpose: string;
  accountId: string;
  params: { code: string; minutes: number };
}

/** Thrown by a provider for a failure that will not go away by retrying (e.g. an invalid number). */
export class PermanentSmsError extends Error {}

export interface SmsProvider {
  readonly name: string;
  /** Resolves with the provider's message id once accepted; throws to signal a failure (retryable unless PermanentSmsError). */
  send(m: SmsMessage): Promise<{ providerMessageId: string }>;
}
