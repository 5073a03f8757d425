/**
 * The hot path on SQLite: a Send's write set, a Bind's step, a request's nonce claim, an audit record and a
 * development inbox message each run
 * synchronously on prepared statements, and those that arrive in the same event-loop turn share
 * one transaction (group commit), each inside its own SAVEPOINT: a refusal rolls back its own
 * writes only. Nothing resolves before the COMMIT.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { AuditEvent, ClaimedMessage, InboxMessage, MemberLookup, Settlement } from '../ports.js';
import { type LookupRow, lookupMemberText, memberLookupOf } from '../repos/directory.js';
import { claimOutbox, outboxStatements, type OutboxStatements, settleOutbox } from './sqlite-outbox.js';
import type {
  BindPhoneCommand,
  BindPhoneOutcome,
  SendCodeCommand,
  SendCodeOutcome,
  SendLimitPlan,
  SendRefusal,
} from '../hot-ports.js';
import { bindStatements, type BindStatements, writeBind } from './sqlite-bind-phone.js';
import { outboxState, UNBOUNDED } from './send-code-repos.js';
import { sendStatements, type SendStatements } from './sqlite-statements.js';
import { GroupCommit, type Exclusive } from './group-commit.js';

type HotCommand =
  | { kind: 'send'; cmd: SendCodeCommand }
  | { kind: 'nonce'; accessKeyId: string; nonce: string; expiresAt: number }
  | { kind: 'audit'; event: AuditEvent }
  | { kind: 'inbox'; message: InboxMessage }
  | { kind: 'claim'; now: number; leaseUntil: number; max: number }
  | { kind: 'settle'; settlements: readonly Settlement[] }
  | { kind: 'bind'; cmd: BindPhoneCommand };
type HotOutcome =
  | SendCodeOutcome
  | BindPhoneOutcome
  | { kind: 'nonce'; claimed: boolean }
  | { kind: 'audited' }
  | { kind: 'claimed'; messages: ClaimedMessage[] }
  | { kind: 'settled'; applied: boolean[] };

export function sqliteHotPath(db: SqliteDatabase.Database, exclusive: Exclusive) {
  const st = sendStatements(db);
  const outbox = outboxStatements(db);
  const bind = bindStatements(db);
  const lookupMember = db.prepare(lookupMemberText('sqlite'));
  const group = new GroupCommit<HotCommand, HotOutcome>(st, exclusive, (c) => run(st, outbox, bind, c), keeps);
  return {
    sendCode: (cmd: SendCodeCommand) => group.submit({ kind: 'send', cmd }) as Promise<SendCodeOutcome>,
    bindPhone: (cmd: BindPhoneCommand) => group.submit({ kind: 'bind', cmd }) as Promise<BindPhoneOutcome>,
    /** True when this call recorded the nonce; false when it was already used. */
    claimNonce: async (accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean> => {
      const o = await group.submit({ kind: 'nonce', accessKeyId, nonce, expiresAt });
      return o.kind === 'nonce' && o.claimed;
    },
    appendAudit: async (event: AuditEvent): Promise<void> => {
      await group.submit({ kind: 'audit', event });
    },
    addToInbox: async (message: InboxMessage): Promise<void> => {
      await group.submit({ kind: 'inbox', message });
    },
    claimOutbox: async (now: number, leaseUntil: number, max: number): Promise<ClaimedMessage[]> => {
      const o = await group.submit({ kind: 'claim', now, leaseUntil, max });
      return o.kind === 'claimed' ? o.messages : [];
    },
    settleOutbox: async (settlements: readonly Settlement[]): Promise<boolean[]> => {
      if (settlements.length === 0) return [];
      const o = await group.submit({ kind: 'settle', settlements });
      return o.kind === 'settled' ? o.applied : [];
    },
    /** directory.lookupMember as a prepared statement; never inside a transaction open on the connection. */
    lookupMember: async (accountId: string): Promise<MemberLookup> => {
      // No transaction open on the connection: nothing uncommitted to see, so read now rather than
      // queue behind the group commits and transactions waiting for the connection.
      const read = () => lookupMember.get(accountId, accountId) as LookupRow | undefined;
      if (!db.inTransaction) return memberLookupOf(read());
      let row: LookupRow | undefined;
      await exclusive(() => {
        row = read();
      });
      return memberLookupOf(row);
    },
    /** Read outside any group: the committed epoch (or one a transaction on this connection wrote). */
    identityEpoch: (accountId: string): number =>
      Number((st.identityEpoch.get(accountId) as { epoch: number } | undefined)?.epoch ?? 0),
    flush: () => group.flush(),
  };
}

function run(st: SendStatements, outbox: OutboxStatements, bind: BindStatements, c: HotCommand): HotOutcome {
  switch (c.kind) {
    case 'send':
      return writeSend(st, c.cmd);
    case 'nonce':
      return { kind: 'nonce', claimed: st.claimNonce.get(c) !== undefined };
    case 'audit':
      st.audit.run(auditParams(c.event));
      return { kind: 'audited' };
    case 'inbox':
      st.inbox.run({ ...c.message });
      return { kind: 'audited' };
    case 'claim':
      return { kind: 'claimed', messages: claimOutbox(outbox, c.now, c.leaseUntil, c.max) };
    case 'settle':
      return { kind: 'settled', applied: settleOutbox(outbox, c.settlements) };
    case 'bind':
      return writeBind(bind, st, c.cmd);
  }
}

/** Outcomes whose writes commit; the others roll back to their savepoint. */
const keeps = (o: HotOutcome): boolean =>
  o.kind !== 'stale-identity' &&
  o.kind !== 'stale-member' &&
  o.kind !== 'token-mismatch' &&
  o.kind !== 'refused' &&
  o.kind !== 'token-raced';

function writeSend(st: SendStatements, cmd: SendCodeCommand): SendCodeOutcome {
  const { now, idempotency: idem, code, message } = cmd;
  if (cmd.identity) {
    const row = st.identityEpoch.get(cmd.identity.accountId) as { epoch: number } | undefined;
    if (Number(row?.epoch ?? 0) !== cmd.identity.epoch) return { kind: 'stale-identity' };
  }
  if (cmd.member && st.memberAsRead.get({ ...cmd.member }) === undefined) return { kind: 'stale-member' };
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
    id: code.id,
    ...c,
    phone: code.phone,
    codeMac: code.codeMac,
    expiresAt: code.expiresAt,
    maxAttempts: code.maxAttempts,
  });
  if (message) {
    st.enqueue.run({
      id: message.id,
      phone: code.phone,
      expiresAt: code.expiresAt,
      ...c,
      ...outboxState(message, now),
    });
    if (message.delivered) {
      st.inbox.run({ ...message.delivered.inbox });
      st.attempt.run({ ...message.delivered.attempt });
    }
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
