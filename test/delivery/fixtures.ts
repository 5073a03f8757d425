/** Shared outbox fixtures for the delivery tests. */
import type { Keyring } from '../../src/lib/keyring.js';
import type { OutboxMessage } from '../../src/store/ports.js';

/** A queued, sealed verification SMS due at `now`. */
export function queuedMessage(
  keyring: Keyring,
  now: number,
  o: { id: string; code: string; ttlMs?: number; to?: string },
): OutboxMessage {
  return {
    id: o.id,
    to_phone: o.to ?? '+12025550123',
    purpose: 'bind-secure-mobile-phone',
    account_id: '1000000000000002',
    payload_enc: keyring.outboxPayloads.seal(
      JSON.stringify({ code: o.code, minutes: 10, purpose: 'bind-secure-mobile-phone' }),
    ),
    status: 'queued',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    expires_at: now + (o.ttlMs ?? 600_000),
    created_at: now,
    updated_at: now,
    sent_at: null,
    provider: null,
    provider_message_id: null,
    last_error: null,
  };
}
