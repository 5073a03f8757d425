/**
 * bindPhone on SQLite: prepared statements run synchronously inside the hot path's group commit,
 * with the same guards as the repositories (codes.ts, defence.ts, directory.ts). The binding writes
 * sit in a nested savepoint: a lost race undoes them, never the counted attempt.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { AuditEvent } from '../ports.js';
import type { BindPhoneCommand, BindPhoneOutcome } from '../hot-ports.js';
import { creditWindow, UNBOUNDED } from './send-code-repos.js';
import { sameText } from '../../lib/crypto.js';

const LIVE = 'consumed_at is null and superseded_at is null';
/** A window that ended, or a lock that ran out, starts the failure count afresh. */
const FRESH = `(verification_failures.window_start <= @windowFloor
  or (verification_failures.locked_until is not null and verification_failures.locked_until <= @now))`;

export function bindStatements(db: SqliteDatabase.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    takeAttempt: p(`update verification_codes set attempts = attempts + 1
      where id = (select id from verification_codes where purpose = @purpose and account_id = @accountId and ${LIVE}
          order by created_at desc, id desc limit 1)
        and attempts < max_attempts and expires_at > @now and ${LIVE}
      returning id, code_mac as codeMac, attempts, max_attempts as maxAttempts, created_at as createdAt`),
    takePairAttempt: p(`insert into verification_failures (subject, window_start, failures, locked_until)
      values (@subject, @now, 1, @lockOnFirst)
      on conflict (subject) do update set
        failures = case when ${FRESH} then 1 else verification_failures.failures + 1 end,
        locked_until = case when ${FRESH} then @lockOnFirst
          when verification_failures.failures + 1 >= @max then @lockUntil else null end,
        window_start = case when ${FRESH} then @now else verification_failures.window_start end
      where ${FRESH} or (verification_failures.locked_until is null and verification_failures.failures < @max)
      returning failures`),
    pairLockedUntil: p(
      'select locked_until as until from verification_failures where subject = ? and locked_until > ?',
    ),
    consume: p(`update verification_codes set consumed_at = @now where id = @id and ${LIVE}`),
    bind: p(`update accounts set secure_mobile_phone = @phone, secure_mobile_bound_at = @now
      where id = @accountId and secure_mobile_phone is null`),
    clearPair: p('delete from verification_failures where subject = ?'),
    savepoint: p('savepoint bind'),
    release: p('release bind'),
    rollbackTo: p('rollback to bind'),
  };
}

export type BindStatements = ReturnType<typeof bindStatements>;

interface Shared {
  increment: SqliteDatabase.Statement;
  audit: SqliteDatabase.Statement;
  identityEpoch: SqliteDatabase.Statement;
  memberAsRead: SqliteDatabase.Statement;
}

interface Attempt {
  id: string;
  codeMac: string;
  attempts: number;
  maxAttempts: number;
  createdAt: number;
}

export function writeBind(st: BindStatements, shared: Shared, cmd: BindPhoneCommand): BindPhoneOutcome {
  const { now, budget } = cmd;
  if (cmd.identity) {
    const row = shared.identityEpoch.get(cmd.identity.accountId) as { epoch: number } | undefined;
    if (Number(row?.epoch ?? 0) !== cmd.identity.epoch) return { kind: 'stale-identity' };
  }
  if (cmd.member && shared.memberAsRead.get({ ...cmd.member }) === undefined) return { kind: 'stale-member' };
  const attempt = st.takeAttempt.get({ purpose: cmd.purpose, accountId: cmd.accountId, now }) as Attempt | undefined;
  if (!attempt) return { kind: 'no-live-code' };
  const taken = st.takePairAttempt.get({
    subject: cmd.pair,
    now,
    windowFloor: now - budget.windowMs,
    max: budget.max,
    lockOnFirst: budget.max <= 1 ? now + budget.lockMs : null,
    lockUntil: now + budget.lockMs,
  });
  if (taken === undefined) {
    const row = st.pairLockedUntil.get(cmd.pair, now) as { until: number | null } | undefined;
    return { kind: 'pair-locked', until: row?.until == null ? undefined : Number(row.until) };
  }
  const attempts = Number(attempt.attempts);
  if (!sameText(cmd.presentedMac, attempt.codeMac)) {
    return { kind: 'wrong-code', attempts, maxAttempts: Number(attempt.maxAttempts) };
  }
  st.savepoint.run();
  const outcome = bindWrites(st, shared, cmd, attempt);
  if (outcome.kind !== 'bound') st.rollbackTo.run();
  st.release.run();
  return outcome;
}

function bindWrites(st: BindStatements, shared: Shared, cmd: BindPhoneCommand, a: Attempt): BindPhoneOutcome {
  const { now } = cmd;
  if (st.consume.run({ id: a.id, now }).changes !== 1) return { kind: 'code-taken' };
  if (st.bind.run({ phone: cmd.phone, now, accountId: cmd.accountId }).changes !== 1) return { kind: 'already-bound' };
  st.clearPair.run(cmd.pair);
  const windowStart = creditWindow(Number(a.createdAt ?? now), cmd.credit.windowMs);
  for (const k of cmd.credit.keys) {
    shared.increment.get({ scope: `breaker-bound:${k.scope}`, subject: k.subject, windowStart, limit: UNBOUNDED });
  }
  shared.audit.run({ ...(cmd.audit as AuditEvent) });
  return { kind: 'bound', attempts: Number(a.attempts) };
}
