/**
 * The failure budget across resends, the SMS-pumping breaker (trip, audit, metric, recovery),
 * ClientToken replay and conflict, and test numbers — driven through SecurePhoneVerification
 * with a movable clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { loadSettings, SettingError } from '../../src/config/settings.js';
import { MANAGER, T0, sg, us, verificationWorld, type World } from '../support/verification-world.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const QUIET: Partial<Settings> = {
  resendCooldownSeconds: 0,
  maxSendsPerPhonePerHour: 0,
  maxSendsPerPhonePerDay: 0,
  maxSendsPerMemberPerDay: 0,
  maxSendsPerPrefixPerHour: 0,
  maxSendsPerPrincipalPerDay: 0,
  maxSendsPerManagementAccountPerDay: 0,
};

let w: World;
afterEach(async () => {
  await w?.close();
});

type M = Awaited<ReturnType<World['member']>>;
async function sendCode(m: M, raw: string): Promise<string> {
  const r = await w.v.send(m, MANAGER, w.phone(raw), w.draft());
  if (!r.ok) throw new Error(`send refused: ${r.error.code} ${r.error.message}`);
  return w.codeOf(r.value.messageId!);
}
const bind = (m: M, raw: string, code: string) =>
  w.v.bind(m, w.phone(raw), code, w.draft({ action: 'BindSecureMobilePhone' }));
const wrong = (code: string, i = 0): string => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

describe('failure budget per (member, phone), across resends', () => {
  it('15 failures in 24 h lock the pair for 24 h: Bind refuses even the right code, Send the limit error', async () => {
    w = await verificationWorld({ ...QUIET, breakerMinSends: 0 });
    const m = await w.member();
    for (let round = 0; round < 3; round++) {
      const code = await sendCode(m, us(1));
      for (let i = 0; i < 5; i++) expect((await bind(m, us(1), wrong(code, i))).ok).toBe(false);
      w.clock.advance(60_000);
    }
    const send = await w.v.send(m, MANAGER, w.phone(us(1)), w.draft());
    expect(send.ok ? '' : `${send.error.code} ${send.error.auditDetail}`).toBe(
      'SendValidateCodeExceedsLimitForAccount limit:failure-lock',
    );
    expect(send.ok ? 0 : send.error.retryAfterMs).toBe(DAY - 60_000); // locked by the 15th failure, a minute ago

    // A code sent to the pair before the lock (simulated: sent through another number, then the
    // locked pair presented) is refused too: the budget is checked before comparing.
    const other = await sendCode(m, us(2));
    const locked = await bind(m, us(1), other);
    expect(locked.ok ? '' : locked.error.auditDetail).toBe('failure-lock');
    expect(w.heard).toContain('refused:bind:Invalid.VerificationCode:failure-lock');

    // After the lock the pair starts afresh, and a right code binds.
    w.clock.advance(DAY);
    const fresh = await sendCode(m, us(1));
    expect((await bind(m, us(1), fresh)).ok).toBe(true);
  });

  it('a correct Bind clears the count; 14 failures do not lock', async () => {
    w = await verificationWorld({ ...QUIET, maxFailuresPerAccountPhone: 15, breakerMinSends: 0 });
    const m = await w.member();
    for (let round = 0; round < 3; round++) {
      const code = await sendCode(m, us(1));
      for (let i = 0; i < (round < 2 ? 5 : 4); i++) await bind(m, us(1), wrong(code, i));
    }
    const code = await sendCode(m, us(1));
    expect((await bind(m, us(1), code)).ok).toBe(true);
    expect(
      await w.store.defence.pairLockedUntil(`bind-phone:${m.account_id}:+12025550101`, w.clock.now()),
    ).toBeUndefined();
  });

  it('counts are per pair: another member or number is not locked', async () => {
    w = await verificationWorld({ ...QUIET, maxFailuresPerAccountPhone: 3, breakerMinSends: 0 });
    const m = await w.member();
    const code = await sendCode(m, us(1));
    for (let i = 0; i < 3; i++) await bind(m, us(1), wrong(code, i));
    expect((await w.v.send(m, MANAGER, w.phone(us(1)), w.draft())).ok).toBe(false);
    const n = await w.member();
    expect((await bind(n, us(1), await sendCode(n, us(1)))).ok).toBe(true);
    expect((await bind(m, us(3), await sendCode(m, us(3)))).ok).toBe(true);
  });
});

describe('SMS-pumping breaker', () => {
  it('trips at 50 sends under 20 % bound, refuses 12 h with an audit event and a metric, then recovers', async () => {
    w = await verificationWorld({ ...QUIET });
    // 50 sends to Singapore numbers in one hour, 9 bound (18 %).
    for (let i = 0; i < 50; i++) {
      const m = await w.member();
      const code = await sendCode(m, sg(i));
      if (i < 9) expect((await bind(m, sg(i), code)).ok).toBe(true);
    }
    const m = await w.member();
    const refused = await w.v.send(m, MANAGER, w.phone(sg(99)), w.draft());
    expect(refused.ok ? '' : refused.error.auditDetail).toBe('limit:breaker');
    expect(refused.ok ? 0 : refused.error.retryAfterMs).toBe(12 * HOUR);
    expect(w.heard.filter((x) => x.startsWith('trip:'))).toEqual(['trip:country']);
    const trips = (await w.store.audit.recent(200)).filter((e) => e.action === 'SmsPumpingBreakerTripped');
    expect(trips).toHaveLength(1);
    expect(trips[0]!.detail).toMatch(/^breaker:country:calling code 65 until /);

    // Blocked: other Singapore numbers too; other countries are not.
    w.clock.advance(HOUR);
    expect((await w.v.send(await w.member(), MANAGER, w.phone(sg(98)), w.draft())).ok).toBe(false);
    expect((await w.v.send(await w.member(), MANAGER, w.phone(us(1)), w.draft())).ok).toBe(true);
    expect(w.heard.filter((x) => x.startsWith('trip:'))).toHaveLength(1);

    // 12 hours after the trip, sends go out again.
    w.clock.set(T0 + 12 * HOUR);
    expect((await w.v.send(await w.member(), MANAGER, w.phone(sg(97)), w.draft())).ok).toBe(true);
  });

  it('does not trip when enough codes are bound (20 %)', async () => {
    w = await verificationWorld({ ...QUIET, breakerMinSends: 10 });
    for (let i = 0; i < 20; i++) {
      const m = await w.member();
      const code = await sendCode(m, sg(i));
      if (i % 5 === 0) await bind(m, sg(i), code);
    }
    for (let i = 20; i < 30; i++) {
      const m = await w.member();
      const code = await sendCode(m, sg(i));
      if (i % 5 === 0) await bind(m, sg(i), code);
    }
    expect(w.heard.filter((x) => x.startsWith('trip:'))).toEqual([]);
  });

  it('a prefix trips on its own while the rest of its country still sends', async () => {
    w = await verificationWorld({ ...QUIET, breakerMinSends: 10 });
    // +1: 20 sends, 10 bound (50 %); prefix +1202555: 10 sends, none bound.
    for (let i = 0; i < 10; i++) {
      const m = await w.member();
      const raw = `1-202${300 + i}0123`;
      expect((await bind(m, raw, await sendCode(m, raw))).ok).toBe(true);
      await sendCode(await w.member(), us(i));
    }
    const r = await w.v.send(await w.member(), MANAGER, w.phone(us(10)), w.draft());
    expect(r.ok ? '' : r.error.auditDetail).toBe('limit:breaker');
    expect(w.heard.filter((x) => x.startsWith('trip:'))).toEqual(['trip:prefix']);
    const trip = (await w.store.audit.recent(100)).find((e) => e.action === 'SmsPumpingBreakerTripped');
    expect(trip?.detail).toMatch(/^breaker:prefix:prefix \+1202\*\*\* until /);
    expect((await w.v.send(await w.member(), MANAGER, w.phone('1-2024000123'), w.draft())).ok).toBe(true);
  });
});

describe('ClientToken', () => {
  it('the same token and parameters replay the first answer, no second SMS; other parameters conflict', async () => {
    w = await verificationWorld();
    const m = await w.member();
    const first = await w.v.send(m, MANAGER, w.phone(us(1)), w.draft(), 'token-1');
    expect(first.ok).toBe(true);
    w.clock.advance(5_000); // inside the cooldown: a replay is not a send
    const again = await w.v.send(m, MANAGER, w.phone(us(1)), w.draft(), 'token-1');
    expect(again).toEqual({ ok: true, value: { expiresAt: first.ok ? first.value.expiresAt : 0, messageId: null } });
    const conflict = await w.v.send(m, MANAGER, w.phone(us(2)), w.draft(), 'token-1');
    expect(conflict.ok ? '' : conflict.error.code).toBe('IdempotentParameterMismatch');
    expect(w.heard.filter((x) => x.startsWith('sent:'))).toEqual(['sent:sms', 'sent:replay']);
    // after 24 h the token is free again (and the cooldown has long passed)
    w.clock.advance(DAY);
    const later = await w.v.send(m, MANAGER, w.phone(us(2)), w.draft(), 'token-1');
    expect(later.ok && later.value.messageId !== null).toBe(true);
  });

  it('a refused send stores no record: the same token succeeds once the limit allows', async () => {
    w = await verificationWorld();
    const m = await w.member();
    await w.v.send(m, MANAGER, w.phone(us(1)), w.draft());
    const refused = await w.v.send(m, MANAGER, w.phone(us(1)), w.draft(), 'token-2');
    expect(refused.ok ? '' : refused.error.code).toBe('SendValidateCodeExceedsLimitForAccount');
    w.clock.advance(60_000);
    expect((await w.v.send(m, MANAGER, w.phone(us(1)), w.draft(), 'token-2')).ok).toBe(true);
  });

  it('tokens are scoped to the calling account', async () => {
    w = await verificationWorld({ ...QUIET });
    const m = await w.member();
    expect((await w.v.send(m, MANAGER, w.phone(us(1)), w.draft(), 't')).ok).toBe(true);
    const n = await w.member();
    const other = await w.v.send(n, MANAGER, w.phone(us(2)), w.draft({ callerAccountId: '1000000000000002' }), 't');
    expect(other.ok && other.value.messageId !== null).toBe(true);
  });
});

describe('test numbers', () => {
  it('use the fixed code, send no SMS and bypass every limit and the breaker', async () => {
    w = await verificationWorld({ breakerMinSends: 1 }, { RESDIR_TEST_NUMBERS: '1-2025550100=246810' });
    const m = await w.member();
    for (let i = 0; i < 20; i++) {
      const r = await w.v.send(m, MANAGER, w.phone('1-2025550100'), w.draft());
      expect(r.ok && r.value.messageId === null).toBe(true);
    }
    expect(await w.store.outbox.nextDueAt()).toBeUndefined();
    expect((await bind(m, '1-2025550100', '246810')).ok).toBe(true);
    expect(w.heard.filter((x) => x === 'sent:test-number')).toHaveLength(20);
  });

  it('are refused at start-up in production mode, with a clear line', () => {
    const env = {
      RESDIR_MODE: 'production',
      RESDIR_TEST_NUMBERS: '1-2025550100=246810',
      RESDIR_MASTER_KEY: Buffer.alloc(32, 1).toString('base64'),
    };
    expect(() => loadSettings({}, env)).toThrow(SettingError);
    expect(() => loadSettings({}, env)).toThrow(/RESDIR_TEST_NUMBERS: production mode refuses test numbers/);
    expect(() => loadSettings({}, { RESDIR_TEST_NUMBERS: '1-2025550100=12' })).toThrow(/<6-digit code>/);
  });
});

describe('audit retention', () => {
  it('a sweep drops records older than the retention and expired ClientTokens, nothing else', async () => {
    const { pino } = await import('pino');
    const { sweepOnce } = await import('../../src/domain/audit/retention.js');
    const { auditEvent } = await import('../../src/domain/audit/audit.js');
    w = await verificationWorld();
    const log = pino({ level: 'silent' });
    for (const age of [40, 31, 29, 1]) await w.store.audit.append(auditEvent(w.draft({ time: T0 - age * DAY }), 'OK'));
    await w.store.defence.saveIdempotent(
      { scope: 's', token: 'old', fingerprint: 'f', response: '{}', created_at: T0 - 2 * DAY, expires_at: T0 - DAY },
      T0 - 2 * DAY,
    );
    await w.store.defence.saveIdempotent(
      { scope: 's', token: 'live', fingerprint: 'f', response: '{}', created_at: T0, expires_at: T0 + DAY },
      T0,
    );
    const ages = async () => (await w.store.audit.recent(10)).map((e) => Math.round((T0 - e.time) / DAY));
    expect(await sweepOnce(w.store, w.clock, 30, log)).toBe(2);
    expect(await ages()).toEqual([1, 29]);
    expect(await w.store.defence.findIdempotent('s', 'live', T0)).toBeDefined();
    expect(await w.store.defence.purgeIdempotent(T0)).toBe(0);
    // Two days later the 29-day-old record has passed the retention too.
    w.clock.advance(2 * DAY);
    expect(await sweepOnce(w.store, w.clock, 30, log)).toBe(1);
    expect(await ages()).toEqual([1]);
  });

  it('retention 0 keeps every record, however far the clock moves', async () => {
    const { pino } = await import('pino');
    const { sweepOnce } = await import('../../src/domain/audit/retention.js');
    const { auditEvent } = await import('../../src/domain/audit/audit.js');
    w = await verificationWorld();
    const log = pino({ level: 'silent' });
    await w.store.audit.append(auditEvent(w.draft({ time: T0 - 3650 * DAY }), 'OK'));
    w.clock.advance(3650 * DAY);
    expect(await sweepOnce(w.store, w.clock, 0, log)).toBe(0);
    expect(await w.store.audit.recent(10)).toHaveLength(1);
    // The same record goes with any positive retention: the sweep did look at it.
    expect(await sweepOnce(w.store, w.clock, 1, log)).toBe(1);
  });

  it('the sweep runs at start and then every hour until stopped (timers driven, not waited for)', async () => {
    const { vi } = await import('vitest');
    const { pino } = await import('pino');
    const { startDefenceSweep } = await import('../../src/domain/audit/retention.js');
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let sweeps = 0;
      const store = {
        defence: { purgeIdempotent: async () => void sweeps++ },
        auditLog: { purgeBefore: async () => 0 },
      } as unknown as Parameters<typeof startDefenceSweep>[0];
      const stop = startDefenceSweep(store, { now: () => T0 }, 30, pino({ level: 'silent' }));
      expect(sweeps).toBe(1);
      vi.advanceTimersByTime(3_600_000);
      expect(sweeps).toBe(2);
      vi.advanceTimersByTime(2 * 3_600_000);
      expect(sweeps).toBe(4);
      stop();
      vi.advanceTimersByTime(10 * 3_600_000);
      expect(sweeps).toBe(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
