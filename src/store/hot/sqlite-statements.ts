/**
 * The Send write set as prepared better-sqlite3 statements (named parameters), compiled once per
 * connection. Each guarded claim is ONE statement with the same guard as its repository primitive
 * (src/store/repos/defence.ts, limits.ts): SQLite runs one writer at a time, so the guard is
 * evaluated on the row it changes.
 */
import type SqliteDatabase from 'better-sqlite3';

export function sendStatements(db: SqliteDatabase.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    identityEpoch: p('select epoch from identity_epochs where account_id = ?'),
    /** A row when the member is still as read (SendCodeCommand.member). */
    memberAsRead: p(`select 1 as ok from members mb join accounts a on a.id = mb.account_id
      where mb.account_id = @accountId and mb.directory_id = @directoryId and mb.folder_id = @folderId
        and mb.type = @type and a.secure_mobile_phone is @securePhone`),
    claimNonce:
      p(`insert into request_nonces (access_key_id, nonce, expires_at) values (@accessKeyId, @nonce, @expiresAt)
      on conflict do nothing returning nonce`),
    pairLockedUntil: p(
      'select locked_until as until from verification_failures where subject = @subject and locked_until > @now',
    ),
    blockedUntil: p(
      'select max(blocked_until) as until from breaker_trips ' +
        'where scope = @scope and subject = @subject and blocked_until > @now',
    ),
    claimBackoff: p(`insert into send_backoff (subject, gap_ms, last_sent_at, next_allowed_at)
      values (@subject, @base, @now, @now + @base)
      on conflict (subject) do update set
        gap_ms =
          case when last_sent_at <= @resetBefore then @base when gap_ms * 2 >= @max then @max else gap_ms * 2 end,
        next_allowed_at = @now +
          case when last_sent_at <= @resetBefore then @base when gap_ms * 2 >= @max then @max else gap_ms * 2 end,
        last_sent_at = @now
      where send_backoff.next_allowed_at <= @now
      returning gap_ms as gapMs`),
    backoffOf: p('select next_allowed_at as nextAllowedAt, gap_ms as gapMs from send_backoff where subject = @subject'),
    increment:
      p(`insert into send_counters (scope, subject, window_start, count) values (@scope, @subject, @windowStart, 1)
      on conflict (scope, subject, window_start) do update set count = count + 1 where send_counters.count < @limit
      returning count`),
    counter: p(
      'select count from send_counters where scope = @scope and subject = @subject and window_start = @windowStart',
    ),
    findIdempotent: p(
      'select fingerprint, response from idempotency_records ' +
        'where scope = @scope and token = @token and expires_at > @now',
    ),
    saveIdempotent: p(`insert into idempotency_records (scope, token, fingerprint, response, created_at, expires_at)
      values (@scope, @token, @fingerprint, @response, @now, @expiresAt)
      on conflict (scope, token) do update set fingerprint = excluded.fingerprint, response = excluded.response,
        created_at = excluded.created_at, expires_at = excluded.expires_at
      where idempotency_records.expires_at <= @now
      returning token`),
    supersede: p(`update verification_codes set superseded_at = @now
      where purpose = @purpose and account_id = @accountId and consumed_at is null and superseded_at is null`),
    insertCode: p(`insert into verification_codes
      (id, purpose, account_id, phone, code_mac, created_at, expires_at, attempts, max_attempts, consumed_at,
       superseded_at)
      values (@id, @purpose, @accountId, @phone, @codeMac, @now, @expiresAt, 0, @maxAttempts, null, null)`),
    enqueue: p(`insert into sms_outbox
      (id, to_phone, purpose, account_id, payload_enc, status, attempts, next_attempt_at, lease_until, expires_at,
       created_at, updated_at, sent_at, provider, provider_message_id, last_error, lease_token)
      values (@id, @phone, @purpose, @accountId, @payloadEnc, @status, @attempts, @now, null, @expiresAt,
       @now, @now, @sentAt, @provider, @providerMessageId, null, null)`),
    attempt: p(`insert into sms_attempts
        (id, message_id, attempt, provider, started_at, finished_at, outcome, provider_message_id, error)
      values (@id, @message_id, @attempt, @provider, @started_at, @finished_at, @outcome, @provider_message_id,
        @error)`),
    audit: p(`insert into audit_events
      (id, time, request_id, action, version, principal_arn, caller_account_id, access_key_id, source_ip,
       target_account_id, phone_masked, result_code, outbox_message_id, detail)
      values (@id, @time, @request_id, @action, @version, @principal_arn, @caller_account_id, @access_key_id,
       @source_ip, @target_account_id, @phone_masked, @result_code, @outbox_message_id, @detail)`),
    inbox: p(`insert into sms_inbox (id, message_id, to_phone, text, code, purpose, account_id, created_at)
      values (@id, @message_id, @to_phone, @text, @code, @purpose, @account_id, @created_at)`),
    begin: p('begin immediate'),
    commit: p('commit'),
    rollback: p('rollback'),
    savepoint: p('savepoint hot'),
    release: p('release hot'),
    rollbackTo: p('rollback to hot'),
  };
}

export type SendStatements = ReturnType<typeof sendStatements>;
