/**
 * Benchmark child: the FLOOR on PostgreSQL (see floor-server.ts for SQLite). A bare node:http
 * server that performs exactly the writes of one resdir Send on resdir's own schema (migrated by
 * resdir's migrator, in BENCH_DATABASE_URL) as ONE statement per request — a data-modifying CTE,
 * one round trip, through a `pg` pool of resdir's size — and nothing else. FLOOR_LIMITS=on adds
 * the limit reads, the cooldown upsert and the nine counter upserts to the same statement.
 */
import http from 'node:http';
import pg from 'pg';
import { randomHex } from '../lib/ids.js';
import { openStore } from '../store/open.js';
import { DEFAULT_POSTGRES_OPTIONS } from '../store/postgres.js';
import type { ServerReady } from './child.js';
import { FLOOR_COUNTERS, FLOOR_SMS_TEXT } from './floor-sql.js';

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error('BENCH_DATABASE_URL is not set');
const limits = process.env.FLOOR_LIMITS === 'on';
const opened = await openStore(url);
await opened.store.close();
const pool = new pg.Pool({ connectionString: url, max: DEFAULT_POSTGRES_OPTIONS.poolSize });
const PRINCIPAL = 'acs:ram::1000000000000001:user/bench-admin';

// $1 now, $2 key, $3 nonce, $4 account, $5 phone, $6 token scope, $7 token, $8 message id,
// $9 code id, $10 code mac, $11 audit id, $12 request id, $13 ip, $14 masked phone, $15 SMS text,
// $16 principal; limits: $17 prefix, then window starts $18… (one per counter).
const counters = FLOOR_COUNTERS.map(([scope, subject], i) => {
  const subj = { phone: '$5', account: '$4', principal: '$16', management: "'1000000000000001'", prefix: '$17' }[
    subject as 'phone'
  ];
  const value = subj ?? (subject === 'ip' ? '$13' : "'65'");
  return `k${i} AS (INSERT INTO send_counters (scope, subject, window_start, count)
    VALUES ('${scope}', ${value}, $${18 + i}::bigint, 1)
    ON CONFLICT (scope, subject, window_start) DO UPDATE SET count = send_counters.count + 1
    WHERE send_counters.count < 1000000000 RETURNING count)`;
});
const LIMIT_CTES = limits
  ? [
      `l AS (SELECT locked_until FROM verification_failures WHERE subject = $4 || ':' || $5
        AND locked_until > $1::bigint)`,
      `b AS (SELECT blocked_until FROM breaker_trips WHERE ((scope = 'country' AND subject = '65')
        OR (scope = 'prefix' AND subject = $17)) AND blocked_until > $1::bigint)`,
      `w AS (INSERT INTO send_backoff (subject, gap_ms, last_sent_at, next_allowed_at)
        VALUES ($4 || ':' || $5, 60000, $1::bigint, $1::bigint + 60000) ON CONFLICT (subject) DO UPDATE
        SET gap_ms = LEAST(send_backoff.gap_ms * 2, 3600000), next_allowed_at = $1::bigint + send_backoff.gap_ms,
        last_sent_at = $1::bigint WHERE send_backoff.next_allowed_at <= $1::bigint RETURNING gap_ms)`,
      ...counters,
    ]
  : [];
const SEND = `WITH n AS (INSERT INTO request_nonces (access_key_id, nonce, expires_at)
    VALUES ($2, $3, $1::bigint + 900000) ON CONFLICT DO NOTHING RETURNING nonce),
  f AS (SELECT fingerprint FROM idempotency_records WHERE scope = $6 AND token = $7 AND expires_at > $1::bigint),
  ${LIMIT_CTES.map((c) => `${c},`).join('\n  ')}
  s AS (UPDATE verification_codes SET superseded_at = $1::bigint WHERE purpose = 'bind-secure-mobile-phone'
    AND account_id = $4 AND consumed_at IS NULL AND superseded_at IS NULL),
  c AS (INSERT INTO verification_codes (id, purpose, account_id, phone, code_mac, created_at, expires_at, attempts,
    max_attempts, consumed_at, superseded_at) VALUES ($9, 'bind-secure-mobile-phone', $4, $5, $10, $1::bigint,
    $1::bigint + 300000, 0, 5, NULL, NULL)),
  o AS (INSERT INTO sms_outbox (id, to_phone, purpose, account_id, payload_enc, status, attempts, next_attempt_at,
    lease_until, expires_at, created_at, updated_at, sent_at, provider, provider_message_id, last_error)
    VALUES ($8, $5, 'bind-secure-mobile-phone', $4, NULL, 'sent', 1, $1::bigint, NULL, $1::bigint + 300000,
    $1::bigint, $1::bigint, $1::bigint, 'inbox', $8 || '-i', NULL)),
  i AS (INSERT INTO sms_inbox (id, message_id, to_phone, text, code, purpose, account_id, created_at)
    VALUES ($8 || '-i', $8, $5, $15, '123456', 'bind-secure-mobile-phone', $4, $1::bigint)),
  m AS (INSERT INTO sms_attempts (id, message_id, attempt, provider, started_at, finished_at, outcome,
    provider_message_id, error) VALUES ($8 || ':0001:0', $8, 1, 'inbox', $1::bigint, $1::bigint, 'sent',
    $8 || '-i', NULL)),
  a AS (INSERT INTO audit_events (id, time, request_id, action, version, principal_arn, caller_account_id,
    access_key_id, source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
    VALUES ($11, $1::bigint, $12, 'SendVerificationCodeForBindSecureMobilePhone', '2020-03-31', $16,
    '1000000000000001', $2, $13, $4, $14, 'OK', $8, NULL)),
  t AS (INSERT INTO idempotency_records (scope, token, fingerprint, response, created_at, expires_at)
    VALUES ($6, $7, $10, '{"expiresAt":0}', $1::bigint, $1::bigint + 86400000) ON CONFLICT (scope, token) DO NOTHING)
SELECT (SELECT count(*) FROM n) AS fresh`;

async function send(q: URLSearchParams, ip: string): Promise<boolean> {
  const now = Date.now();
  const key = q.get('AccessKeyId') ?? '';
  const phone = q.get('SecureMobilePhone') ?? '';
  const args: unknown[] = [
    now,
    key,
    q.get('SignatureNonce') ?? '',
    q.get('AccountId') ?? '',
    phone,
    `${key}:SendVerificationCodeForBindSecureMobilePhone`,
    q.get('ClientToken') ?? randomHex(8),
    now.toString(16).padStart(12, '0') + randomHex(8),
    randomHex(12),
    randomHex(32),
    randomHex(12),
    randomHex(16),
    ip,
    `${phone.slice(0, 5)}****${phone.slice(-2)}`,
    FLOOR_SMS_TEXT,
    PRINCIPAL,
  ];
  if (limits) args.push(`${phone.slice(0, -4)}****`, ...FLOOR_COUNTERS.map(([, , size]) => now - (now % size)));
  const r = await pool.query<{ fresh: string }>(SEND, args);
  return Number(r.rows[0]?.fresh) === 1;
}

let warned = false;
const server = http.createServer((req, res) => {
  const u = req.url ?? '/';
  send(new URLSearchParams(u.slice(u.indexOf('?') + 1)), req.socket.remoteAddress ?? '').then(
    (ok) => {
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify({ RequestId: randomHex(16) }));
    },
    (e: unknown) => {
      if (!warned) console.error('floor: a Send failed:', e); // a broken statement must not pass for a refusal
      warned = true;
      res.writeHead(500);
      res.end();
    },
  );
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  void pool.end().finally(() => process.exit(0));
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url: `http://127.0.0.1:${port}`, database: 'postgres' };
process.send?.(ready);
