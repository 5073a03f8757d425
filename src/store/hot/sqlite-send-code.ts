/**
 * sendCode on SQLite: the write set runs synchronously on prepared statements, and Sends that
 * arrive in the same event-loop turn share one transaction (group commit), each inside its own
 * SAVEPOINT: a refusal rolls back its own writes only. No Send resolves before the COMMIT.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { AuditEvent } from '../ports.js';
import type { SendCodeCommand, SendCodeOutcome, SendLimitPlan, SendRefusal } from '../hot-ports.js';
import { UNBOUNDED } from './send-code-repos.js';
import { sendStatements, type SendStatements } from './sqlite-statements.js';
import { GroupCommit, type Exclusive } from './group-commit.js';

export function sqliteSendCode(db: SqliteDatabase.Database, exclusive: Exclusive) {
  const st = sendStatements(db);
  const group = new GroupCommit<SendCodeCommand, SendCodeOutcome>(st, exclusive, (cmd) => writeSend(st, cmd), keeps);
  return { sendCode: (cmd: SendCodeCommand) => group.submit(cmd), flush: () => group.flush() };
}

/** Outcomes whose writes commit; the others roll back to their savepoint. */
const keeps = (o: SendCodeOutcome): boolean => o.kind === 'sent' || o.kind === 'replayed';

function writeSend(st: SendStatements, cmd: SendCodeCommand): SendCodeOutcome {
  const { now, idempotency: idem, code, message } = cmd;
  if (idem) {
    const prior = st.findIdempotent.get({ scope: idem.scope, token: idem.token, now }) as
      | { fingerprint: string; response: string }
      | undefined;
    if (prior && prior.fingerprint !== idem.fingerprint) return { kind: 'token-mismatch' };
    if (prior) {
      st.audit.run(auditParams(cmd.replayAudit));
      return { kind: 'replayed', response: prior.response };
    }
  }
  if (cmd.limits) {
    const refusal = claimLimits(st, cmd.limits, now);
    if (refusal) return { kind: 'refused', refusal };
  }
  const c = { purpose: code.purpose, accountId: code.accountId, now };
  st.supersede.run(c);
  st.insertCode.run({
    ...c,
    id: code.id,
    phone: code.phone,
    codeMac: code.codeMac,
    expiresAt: code.expiresAt,
    maxAttempts: code.maxAttempts,
  });
  if (message) {
    st.enqueue.run({
      ...c,
      id: message.id,
      phone: code.phone,
      payloadEnc: message.payloadEnc,
      expiresAt: code.expiresAt,
    });
  }
  st.audit.run(auditParams(cmd.audit));
  if (idem) {
    const saved = st.saveIdempotent.get({
      scope: idem.scope,
      token: idem.token,
      fingerprint: idem.fingerprint,
      response: idem.response,
      now,
      expiresAt: idem.expiresAt,
    });
    if (saved === undefined) return { kind: 'token-raced' };
  }
  return { kind: 'sent' };
}

function claimLimits(st: SendStatements, p: SendLimitPlan, now: number): SendRefusal | undefined {
  const locked = st.pairLockedUntil.get({ subject: p.pair, now }) as { until: number | null } | undefined;
  if (locked?.until != null) return { kind: 'failure-lock', until: Number(locked.until) };
  if (p.breaker && p.breakerKeys.length > 0) {
    let until: number | undefined;
    for (const k of p.breakerKeys) {
      const row = st.blockedUntil.get({ scope: k.scope, subject: k.subject, now }) as { until: number | null };
      if (row.until != null) until = Math.max(until ?? 0, Number(row.until));
    }
    if (until !== undefined) return { kind: 'breaker-blocked', until };
  }
  if (p.backoff) {
    const { baseMs, maxMs, resetMs } = p.backoff;
    const claimed = st.claimBackoff.get({ subject: p.pair, base: baseMs, max: maxMs, now, resetBefore: now - resetMs });
    if (claimed === undefined) {
      const cur = st.backoffOf.get({ subject: p.pair }) as { nextAllowedAt: number; gapMs: number } | undefined;
      return {
        kind: 'cooldown',
        waitMs: Math.max(1, Number(cur?.nextAllowedAt ?? now) - now),
        gapMs: Number(cur?.gapMs ?? baseMs),
      };
    }
  }
  for (const [index, c] of p.counters.entries()) {
    if (c.limit <= 0 || st.increment.get(c) === undefined) return { kind: 'counter', index };
  }
  if (!p.breaker) return undefined;
  const { windowStart, minSends, minBindPercent } = p.breaker;
  for (const [keyIndex, k] of p.breakerKeys.entries()) {
    const row = st.increment.get({
      scope: `breaker-sent:${k.scope}`,
      subject: k.subject,
      windowStart,
      limit: UNBOUNDED,
    }) as { count: number } | undefined;
    const sent = Number(row?.count ?? UNBOUNDED) - 1;
    if (sent < minSends) continue;
    const bound = st.counter.get({ scope: `breaker-bound:${k.scope}`, subject: k.subject, windowStart }) as
      | { count: number }
      | undefined;
    if (Number(bound?.count ?? 0) * 100 < minBindPercent * sent) return { kind: 'breaker', keyIndex };
  }
  return undefined;
}

const auditParams = (e: AuditEvent) => ({ ...e });
