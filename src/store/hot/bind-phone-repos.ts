/**
 * bindPhone over the store's repositories: the implementation on PostgreSQL and the reference the
 * SQLite fast path must match. The attempt and the failure budget commit on their own first (a
 * wrong guess stays counted); the binding writes then commit together or not at all.
 */
import { err, ok } from '../../lib/result.js';
import type { Store } from '../ports.js';
import type { BindPhoneCommand, BindPhoneOutcome } from '../hot-ports.js';
import { creditWindow, memberAsRead, UNBOUNDED } from './send-code-repos.js';
import { sameText } from '../../lib/crypto.js';

export async function bindPhoneViaRepos(store: Store, cmd: BindPhoneCommand): Promise<BindPhoneOutcome> {
  const { now, budget } = cmd;
  if (cmd.identity && (await store.identityEpoch(cmd.identity.accountId)) !== cmd.identity.epoch) {
    return { kind: 'stale-identity' };
  }
  if (cmd.member && !memberAsRead(await store.directory.lookupMember(cmd.member.accountId), cmd.member)) {
    return { kind: 'stale-member' };
  }
  const attempt = await store.codes.takeAttempt(cmd.purpose, cmd.accountId, now);
  if (!attempt) return { kind: 'no-live-code' };
  if (!(await store.defence.takePairAttempt(cmd.pair, now, budget.max, budget.windowMs, budget.lockMs))) {
    return { kind: 'pair-locked', until: await store.defence.pairLockedUntil(cmd.pair, now) };
  }
  if (!sameText(cmd.presentedMac, attempt.codeMac)) {
    return { kind: 'wrong-code', attempts: attempt.attempts, maxAttempts: attempt.maxAttempts };
  }
  const r = await store.atomically<BindPhoneOutcome, BindPhoneOutcome>(async (tx) => {
    if (!(await tx.codes.consume(attempt.id, now))) return err({ kind: 'code-taken' });
    if (!(await tx.directory.bindSecurePhone(cmd.accountId, cmd.phone, now))) return err({ kind: 'already-bound' });
    await tx.defence.clearPair(cmd.pair);
    const start = creditWindow(attempt.createdAt ?? now, cmd.credit.windowMs);
    for (const k of cmd.credit.keys) await tx.limits.increment(`breaker-bound:${k.scope}`, k.subject, start, UNBOUNDED);
    await tx.audit.append(cmd.audit);
    return ok({ kind: 'bound', attempts: attempt.attempts });
  });
  return r.ok ? r.value : r.error;
}
