/**
 * Conformance of the hot path's Send under limits and ClientTokens (see contract-hot-path.ts):
 * a refusal writes nothing, concurrent Sends keep every limit and token exact, across connections.
 */
import { expect, it } from 'vitest';
import type { TestDatabase } from './dialects.js';
import { T0, accountId } from './fixtures.js';
import { command, counter, hotPathStore, id, IMPLEMENTATIONS, type Implementation } from './hot-path-fixtures.js';

export function hotPathLimitCases(db: () => TestDatabase, impl: Implementation): void {
  const { store, sendsOf } = hotPathStore(db, impl);

  it('a refused limit writes nothing and names the refusing claim; claims before it are rolled back', async () => {
    const a = accountId();
    const limits = {
      pair: `pair-${a}`,
      breakerKeys: [],
      counters: [
        { scope: 'member-day', subject: a, windowStart: T0, limit: 10 },
        { scope: 'phone-hour', subject: `p-${a}`, windowStart: T0, limit: 1 },
      ],
    };
    expect(await store().verification.sendCode(command(a, { limits }))).toEqual({ kind: 'sent' });
    const refused = command(a, { limits, now: T0 + 1 });
    expect(await store().verification.sendCode(refused)).toEqual({
      kind: 'refused',
      refusal: { kind: 'counter', index: 1 },
    });
    expect(await store().defence.counter('member-day', a, T0)).toBe(1);
    expect(await store().outbox.get(refused.message!.id)).toBeUndefined();
    expect(await sendsOf(a)).toHaveLength(1);
  });

  it('the cooldown refuses with the wait and the gap in force', async () => {
    const a = accountId();
    const limits = {
      pair: `pair-${a}`,
      breakerKeys: [],
      counters: [],
      backoff: { baseMs: 60_000, maxMs: 240_000, resetMs: 3_600_000 },
    };
    expect(await store().verification.sendCode(command(a, { limits }))).toEqual({ kind: 'sent' });
    expect(await store().verification.sendCode(command(a, { limits, now: T0 + 20_000 }))).toEqual({
      kind: 'refused',
      refusal: { kind: 'cooldown', waitMs: 40_000, gapMs: 60_000 },
    });
  });

  it('a failure lock and a breaker block refuse before anything is counted', async () => {
    const a = accountId();
    const pair = `pair-${a}`;
    for (let i = 0; i < 3; i++) await store().defence.takePairAttempt(pair, T0, 3, 86_400_000, 600_000);
    const limits = { ...counter(5, a), pair };
    expect(await store().verification.sendCode(command(a, { limits }))).toEqual({
      kind: 'refused',
      refusal: { kind: 'failure-lock', until: T0 + 600_000 },
    });
    const b = accountId();
    await store().defence.trip('prefix', `+65${b}`, T0, T0 + 1_000);
    const breaker = { windowStart: T0, minSends: 1, minBindPercent: 50 };
    const keys = [
      { scope: 'country', subject: `c-${b}` },
      { scope: 'prefix', subject: `+65${b}` },
    ];
    expect(
      await store().verification.sendCode(command(b, { limits: { ...counter(5, b), breakerKeys: keys, breaker } })),
    ).toEqual({ kind: 'refused', refusal: { kind: 'breaker-blocked', until: T0 + 1_000 } });
    expect(await store().defence.counter('phone-hour', a, T0)).toBe(0);
    expect(await store().defence.counter('phone-hour', b, T0)).toBe(0);
  });

  it('the breaker counts sends per key and refuses once too few of them were bound', async () => {
    const keys = [{ scope: 'country', subject: `c-${accountId()}` }];
    const breaker = { windowStart: T0, minSends: 2, minBindPercent: 50 };
    const send = () =>
      store().verification.sendCode(
        command(accountId(), { limits: { pair: id('pair'), breakerKeys: keys, counters: [], breaker } }),
      );
    expect([(await send()).kind, (await send()).kind]).toEqual(['sent', 'sent']);
    expect(await send()).toEqual({ kind: 'refused', refusal: { kind: 'breaker', keyIndex: 0 } });
  });

  it('a ClientToken replays the first answer, is refused with other parameters, and is stored once', async () => {
    const a = accountId();
    const idem = {
      scope: `${a}:Send`,
      token: 'tok-1',
      fingerprint: 'f1',
      response: '{"expiresAt":1}',
      expiresAt: T0 + 86_400_000,
    };
    const first = command(a, { idempotency: idem });
    expect(await store().verification.sendCode(first)).toEqual({ kind: 'sent' });
    const again = command(a, { idempotency: { ...idem, response: '{"expiresAt":2}' }, now: T0 + 5 });
    expect(await store().verification.sendCode(again)).toEqual({ kind: 'replayed', response: '{"expiresAt":1}' });
    expect(await store().outbox.get(again.message!.id)).toBeUndefined();
    const other = command(a, { idempotency: { ...idem, fingerprint: 'f2' }, now: T0 + 6 });
    expect(await store().verification.sendCode(other)).toEqual({ kind: 'token-mismatch' });
    const audit = await sendsOf(a);
    expect(audit.map((e) => e.detail).sort()).toEqual(['client-token-replay', null]);
  });

  it('an expired ClientToken record is taken over by the next Send, which then replays', async () => {
    const a = accountId();
    const idem = { scope: `${a}:Send`, token: 'tok-x', fingerprint: 'f1', response: '{"n":1}', expiresAt: T0 + 10 };
    expect(await store().verification.sendCode(command(a, { idempotency: idem }))).toEqual({ kind: 'sent' });
    const later = { ...idem, fingerprint: 'f2', response: '{"n":2}', expiresAt: T0 + 1_000 };
    const after = command(a, { idempotency: later, now: T0 + 20 });
    expect(await store().verification.sendCode(after)).toEqual({ kind: 'sent' });
    expect(await store().outbox.get(after.message!.id)).toMatchObject({ status: 'queued' });
    const replay = command(a, { idempotency: { ...later, response: '{"n":3}' }, now: T0 + 30 });
    expect(await store().verification.sendCode(replay)).toEqual({ kind: 'replayed', response: '{"n":2}' });
    expect(await store().outbox.get(replay.message!.id)).toBeUndefined();
  });

  it('10 concurrent Sends with one ClientToken: one is sent, none writes a second code', async () => {
    const a = accountId();
    const idem = {
      scope: `${a}:Send`,
      token: 'tok-c',
      fingerprint: 'f1',
      response: '{"n":1}',
      expiresAt: T0 + 9_000,
    };
    const cmds = Array.from({ length: 10 }, (_, i) => command(a, { idempotency: idem, now: T0 + i }));
    const outcomes = await Promise.all(cmds.map((c) => store().verification.sendCode(c)));
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1);
    expect(outcomes.every((o) => ['sent', 'replayed', 'token-raced'].includes(o.kind))).toBe(true);
    const queued = await Promise.all(cmds.map((c) => store().outbox.get(c.message!.id)));
    expect(queued.filter((m) => m !== undefined)).toHaveLength(1);
  });

  it('200 concurrent Sends against a limit of 7: exactly 7 commit, every refusal writes nothing', async () => {
    const accounts = Array.from({ length: 200 }, () => accountId());
    const subject = `storm-${accountId()}`;
    const commands = accounts.map((a) => command(a, { limits: counter(7, subject) }));
    const outcomes = await Promise.all(commands.map((c) => store().verification.sendCode(c)));
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(7);
    expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(193);
    expect(await store().defence.counter('phone-hour', subject, T0)).toBe(7);
    const queued = await Promise.all(commands.map((c) => store().outbox.get(c.message!.id)));
    expect(queued.filter((m) => m !== undefined)).toHaveLength(7);
    const audited = new Set((await store().audit.recent(5000)).map((e) => e.id));
    expect(commands.filter((c) => audited.has(c.audit.id))).toHaveLength(7);
  });

  // The reference runs deferred Kysely transactions: on SQLite two connections are not its use.
  if (impl !== IMPLEMENTATIONS[0]) return;
  it('two connections (replicas) share the limit exactly', async () => {
    const other = await db().connect();
    const subject = `replicas-${accountId()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        impl.on(i % 2 ? other : db().store)(command(accountId(), { limits: counter(5, subject) })),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(5);
    expect(await store().defence.counter('phone-hour', subject, T0)).toBe(5);
  });
}
