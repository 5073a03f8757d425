import { createHash } from 'node:crypto';
import type { AuditDraft } from '../audit/audit.js';

/**
 * ClientToken semantics: scoped to the calling account and the action; the same token with the
 * same parameters (member, E.164 number) within the TTL replays the first successful answer, with
 * other parameters it is IdempotentParameterMismatch. A refused call stores nothing, so a retry
 * with the same token is evaluated afresh.
 */
export interface IdempotencyKey {
  scope: string;
  token: string;
  fingerprint: string;
}

/** Printable ASCII, at most 64 characters (Alibaba's ClientToken rule). */
export const CLIENT_TOKEN_PATTERN = '^[\\x21-\\x7e]{1,64}$';

export function idempotencyKey(audit: AuditDraft, token: string, params: Record<string, string>): IdempotencyKey {
  const canonical = JSON.stringify(
    Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
  );
  return {
    scope: `${audit.callerAccountId}:${audit.action}`,
    token,
    fingerprint: createHash('sha256').update(canonical).digest('hex'),
  };
}
