/**
 * Benchmark child: the FLOOR. A bare node:http server that performs exactly the writes of one
 * resdir Send (FLOOR_SQL: nonce, ClientToken lookup, with FLOOR_LIMITS=on the limit checks and
 * counters, supersede, code row, outbox row (sent), inbox row, attempt row, audit row, ClientToken
 * record) as raw prepared better-sqlite3 statements on resdir's own schema (migrated by resdir's
 * migrator), with group commit: one transaction per event-loop turn, one SAVEPOINT per request,
 * replies after COMMIT.
 * Nothing else: no signature check, no identity lookup, no validation, no crypto. It is the
 * physical limit of this design on this disk. Same IPC protocol as resdir-server.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomHex, timeOrderedId } from '../lib/ids.js';
import { openStore } from '../store/open.js';
import type { ServerReady } from './child.js';
import { FLOOR_COUNTERS, FLOOR_SMS_TEXT, FLOOR_SQL } from './floor-sql.js';

const limits = process.env.FLOOR_LIMITS === 'on';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-floor-'));
const file = path.join(dataDir, 'floor.db');
const opened = await openStore(`sqlite:${file}`);
await opened.store.close();
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const st = Object.fromEntries(Object.entries(FLOOR_SQL).map(([k, sql]) => [k, db.prepare(sql)])) as {
  [K in keyof typeof FLOOR_SQL]: Database.Statement;
};
const PRINCIPAL = 'acs:ram::1000000000000001:user/bench-admin';

/** The writes of one Send; returns false when the nonce or the ClientToken was already used. */
function send(q: URLSearchParams, ip: string): boolean {
  const now = Date.now();
  const key = q.get('AccessKeyId') ?? '';
  const account = q.get('AccountId') ?? '';
  const phone = q.get('SecureMobilePhone') ?? '';
  const token = q.get('ClientToken');
  if (!st.nonce.get(key, q.get('SignatureNonce') ?? '', now + 900_000)) return false;
  const scope = `${key}:SendVerificationCodeForBindSecureMobilePhone`;
  if (token && st.findToken.get(scope, token, now)) return false;
  if (limits) {
    const prefix = `${phone.slice(0, -4)}****`;
    const subjects = {
      phone,
      account,
      principal: PRINCIPAL,
      management: '1000000000000001',
      prefix,
      ip,
      country: '65',
    };
    st.pairLock.get(`${account}:${phone}`, now);
    st.breakerBlock.get('country', '65', 'prefix', prefix, now);
    st.backoff.get({ subject: `${account}:${phone}`, base: 60_000, now, max: 3_600_000 });
    for (const [name, subject, size] of FLOOR_COUNTERS)
      st.counter.get(name, subjects[subject], now - (now % size), 1_000_000_000);
  }
  const messageId = timeOrderedId(now);
  st.supersede.run(now, 'bind-secure-mobile-phone', account);
  st.code.run(randomHex(12), 'bind-secure-mobile-phone', account, phone, randomHex(32), now, now + 300_000);
  const inboxId = timeOrderedId(now);
  const purpose = 'bind-secure-mobile-phone';
  st.outbox.run(messageId, phone, purpose, account, now, now + 300_000, now, now, now, inboxId);
  st.inbox.run(inboxId, messageId, phone, FLOOR_SMS_TEXT, '123456', purpose, account, now);
  st.attempt.run(`${messageId}:0001:0:${randomHex(3)}`, messageId, now, now, inboxId);
  const masked = `${phone.slice(0, 5)}****${phone.slice(-2)}`;
  st.audit.run(randomHex(12), now, randomHex(16), PRINCIPAL, '1000000000000001', key, ip, account, masked, messageId);
  if (token) st.saveToken.get(scope, token, randomHex(32), '{"expiresAt":0}', now, now + 86_400_000);
  return true;
}

// Group commit: the first request of a turn opens the transaction; setImmediate commits it after
// every request that arrived in the same turn ran inside it, each in its own savepoint.
let open = false;
let warned = false;
let replies: Array<() => void> = [];
function commit(): void {
  db.exec('COMMIT');
  open = false;
  const due = replies;
  replies = [];
  for (const reply of due) reply();
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const q = new URLSearchParams(url.slice(url.indexOf('?') + 1));
  if (!open) {
    db.exec('BEGIN');
    open = true;
    setImmediate(commit);
  }
  db.exec('SAVEPOINT send');
  let ok = false;
  try {
    ok = send(q, req.socket.remoteAddress ?? '');
    db.exec('RELEASE send');
  } catch (e) {
    if (!warned) console.error('floor: a Send failed:', e); // a broken statement must not pass for a refusal
    warned = true;
    db.exec('ROLLBACK TO send');
    db.exec('RELEASE send');
  }
  const body = JSON.stringify(
    ok ? { RequestId: randomHex(16) } : { RequestId: randomHex(16), Code: 'SignatureNonceUsed', Message: 'used' },
  );
  replies.push(() => {
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json;charset=utf-8' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as { port: number };

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  server.close();
  if (open) commit();
  db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

const ready: ServerReady = { url: `http://127.0.0.1:${port}`, database: `sqlite:${file}` };
process.send?.(ready);
