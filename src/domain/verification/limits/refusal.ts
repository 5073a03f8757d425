import type { ApiFailure } from '../../../errors/catalog.js';

/** A breaker key that must be tripped (recorded after the refusing transaction rolled back). */
export interface Trip {
  scope: 'country' | 'prefix';
  subject: string;
  until: number;
}

/** An internal refusal: the answer for the caller plus what the domain still has to record. */
export interface Refusal {
  failure: ApiFailure;
  /** Stable reason for metrics and the audit record, e.g. `phone-hour`, `breaker`, `cooldown`. */
  reason: string;
  trip?: Trip;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Start of the fixed window of `sizeMs` (aligned to the epoch, so UTC hours and days) holding `t`. */
export const windowStart = (t: number, sizeMs: number): number => Math.floor(t / sizeMs) * sizeMs;

/**
 * 409 SendValidateCodeExceedsLimitForAccount with the retry delay (x-acs-retry-after, ms), a
 * Recommend text naming the time a retry can succeed, and the reason for the audit record.
 */
export function limitRefusal(reason: string, message: string, retryAfterMs: number, now: number, trip?: Trip): Refusal {
  const wait = Math.max(1, Math.ceil(retryAfterMs));
  const at = new Date(now + wait).toISOString();
  return {
    reason,
    ...(trip ? { trip } : {}),
    failure: {
      code: 'SendValidateCodeExceedsLimitForAccount',
      message,
      retryAfterMs: wait,
      recommend: `Retry after ${at} (in ${Math.ceil(wait / 1000)} s); sending earlier is refused again.`,
      auditDetail: `limit:${reason}`,
    },
  };
}

/** The number prefix of the breaker and the prefix limit: E.164 without its last 4 digits. */
export const prefixOf = (e164: string): string => e164.slice(0, Math.max(2, e164.length - 4));

/** The subject of the per-(member, phone) cooldown and failure budget. */
export const pairSubject = (accountId: string, e164: string): string => `bind-phone:${accountId}:${e164}`;
