import type { OutboxView } from '../store/ports.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * An outbox message as GET /_resdir/sms (with a real provider) and `resdir outbox --json` show it:
 * camelCase, ISO times, never a code or a text (the outbox keeps neither in the clear).
 */
export function deliveryView(m: OutboxView, to: string = m.to_phone) {
  return {
    id: m.id,
    to,
    purpose: m.purpose,
    accountId: m.account_id,
    status: m.status,
    attempts: m.attempts,
    provider: m.provider,
    providerMessageId: m.provider_message_id,
    lastError: m.last_error,
    createdAt: iso(m.created_at),
    sentAt: iso(m.sent_at),
    deliveredAt: iso(m.delivered_at),
    nextAttemptAt: m.status === 'queued' ? iso(m.next_attempt_at) : null,
    expiresAt: iso(m.expires_at),
  };
}
