/**
 * The statements of resdir's Send write set, as raw SQL on resdir's own schema (the floor server
 * runs them; see floor-server.ts). One entry per store step of today's Send, in its order. With the
 * development inbox a Send delivers its SMS in its own write (src/delivery/inline.ts): an outbox
 * row already sent, its inbox row and its provider attempt.
 */
/** An SMS of the default text's size, with its code, as the inbox row holds it (both floors). */
export const FLOOR_SMS_TEXT =
  '[resdir] 123456 is your code for binding this number as the secure mobile phone of your Alibaba Cloud ' +
  'account. Valid 5 min. Never share it.';

export const FLOOR_SQL = {
  nonce:
    'INSERT INTO request_nonces (access_key_id, nonce, expires_at) VALUES (?, ?, ?) ' +
    'ON CONFLICT DO NOTHING RETURNING nonce',
  findToken: 'SELECT fingerprint, response FROM idempotency_records WHERE scope = ? AND token = ? AND expires_at > ?',
  pairLock: 'SELECT locked_until FROM verification_failures WHERE subject = ? AND locked_until > ?',
  breakerBlock:
    'SELECT blocked_until FROM breaker_trips WHERE ((scope = ? AND subject = ?) OR (scope = ? AND subject = ?)) ' +
    'AND blocked_until > ?',
  backoff: `INSERT INTO send_backoff (subject, gap_ms, last_sent_at, next_allowed_at)
    VALUES (@subject, @base, @now, @now + @base)
    ON CONFLICT (subject) DO UPDATE SET gap_ms = CASE WHEN gap_ms * 2 >= @max THEN @max ELSE gap_ms * 2 END,
      next_allowed_at = @now + gap_ms, last_sent_at = @now WHERE next_allowed_at <= @now RETURNING gap_ms`,
  counter: `INSERT INTO send_counters (scope, subject, window_start, count) VALUES (?, ?, ?, 1)
    ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = count + 1 WHERE count < ? RETURNING count`,
  supersede:
    'UPDATE verification_codes SET superseded_at = ? WHERE purpose = ? AND account_id = ? ' +
    'AND consumed_at IS NULL AND superseded_at IS NULL',
  code: `INSERT INTO verification_codes (id, purpose, account_id, phone, code_mac, created_at, expires_at, attempts,
    max_attempts, consumed_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 5, NULL, NULL)`,
  outbox: `INSERT INTO sms_outbox (id, to_phone, purpose, account_id, payload_enc, status, attempts, next_attempt_at,
    lease_until, expires_at, created_at, updated_at, sent_at, provider, provider_message_id, last_error)
    VALUES (?, ?, ?, ?, NULL, 'sent', 1, ?, NULL, ?, ?, ?, ?, 'inbox', ?, NULL)`,
  inbox: `INSERT INTO sms_inbox (id, message_id, to_phone, text, code, purpose, account_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  attempt: `INSERT INTO sms_attempts (id, message_id, attempt, provider, started_at, finished_at, outcome,
    provider_message_id, error) VALUES (?, ?, 1, 'inbox', ?, ?, 'sent', ?, NULL)`,
  audit: `INSERT INTO audit_events (id, time, request_id, action, version, principal_arn, caller_account_id,
    access_key_id, source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
    VALUES (?, ?, ?, 'SendVerificationCodeForBindSecureMobilePhone', '2020-03-31', ?, ?, ?, ?, ?, ?, 'OK', ?, NULL)`,
  saveToken: `INSERT INTO idempotency_records (scope, token, fingerprint, response, created_at, expires_at)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (scope, token) DO NOTHING RETURNING token`,
} as const;

/** The counted limits of a Send with limits on (scope, which subject), as SendGuard claims them. */
export const FLOOR_COUNTERS = [
  ['phone-hour', 'phone', 3_600_000],
  ['phone-day', 'phone', 86_400_000],
  ['member-day', 'account', 86_400_000],
  ['principal-day', 'principal', 86_400_000],
  ['management-day', 'management', 86_400_000],
  ['prefix-hour', 'prefix', 3_600_000],
  ['ip-hour', 'ip', 3_600_000],
  ['breaker-sent:country', 'country', 3_600_000],
  ['breaker-sent:prefix', 'prefix', 3_600_000],
] as const;
