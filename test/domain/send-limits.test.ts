/**
 * Every send limit at its boundary, with a movable clock: the growing resend cooldown (60 s,
 * 120 s, 240 s … capped, reset after a quiet day), per phone per hour and per day, per member,
 * per principal, per management account, per prefix, per IP (off by default), window roll-over,
 * and that a refused Send consumes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src/config/settings.js';
import { T0, us, verificationWorld, type World } from '../support/verification-world.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const LIMIT = 'SendValidateCodeExceedsLimitForAccount';

/** Every counted limit off, cooldown and breaker off: tests switch on the one they look at. */
const ALL_OFF: Partial<Settings> = {
  resendCooldownSeconds: 0,
  maxSendsPerPhonePerHour: 0,
  maxSendsPerPhonePerDay: 0,
  maxSendsPerMemberPerDay: 0,
  maxSendsPerPrincipalPerDay: 0,
  maxSendsPerManagementAccountPerDay: 0,
  maxSendsPerPrefixPerHour: 0,
  maxSendsPerIpPerHour: 0,
  breakerMinSends: 0,
};

/** 1-202<exchange>0123: a distinct prefix (+1202<exchange>) per n < 800. */
const distinctPrefix = (n: number): string => `1-202${200 + n}0123`;

let w: World;
afterEach(async () => {
  await w?.close();
});

async function send(
  raw: string,
  opts: { member?: Awaited<ReturnType<World['member']>>; principal?: string; ip?: string } = {},
) {
  const m = opts.member ?? (await w.member());
  return w.v.send(
    m,
    '1000000000000001',
    w.phone(raw),
    w.draft({ ...(opts.principal ? { principalArn: opts.principal } : {}), ...(opts.ip ? { sourceIp: opts.ip } : {}) }),
  );
}

function expectRefused(r: Awaited<ReturnType<typeof send>>, reason: string, retryAfterMs?: number) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(LIMIT);
  expect(r.error.auditDetail).toBe(`limit:${reason}`);
  expect(r.error.retryAfterMs).toBeGreaterThan(0);
  if (retryAfterMs !== undefined) expect(r.error.retryAfterMs).toBe(retryAfterMs);
  expect(r.error.recommend).toMatch(/^Retry after \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);
}

describe('resend cooldown per (member, phone)', () => {
  it('grows 60 s, 120 s, 240 s, then is capped; refused exactly until the gap ends', async () => {
    w = await verificationWorld({ ...ALL_OFF, resendCooldownSeconds: 60, resendCooldownMaxSeconds: 300 });
    const m = await w.member();
    const gaps = [60, 120, 240, 300, 300];
    expect((await send(us(1), { member: m })).ok).toBe(true);
    for (const gap of gaps) {
      w.clock.advance(gap * 1000 - 1);
      expectRefused(await send(us(1), { member: m }), 'cooldown', 1);
      w.clock.advance(1);
      expect((await send(us(1), { member: m })).ok).toBe(true);
    }
    // another number for the same member, or the same number for another member, is not held back
    expect((await send(us(2), { member: m })).ok).toBe(true);
    expect((await send(us(1))).ok).toBe(true);
  });

  it('starts again at the base after a quiet period', async () => {
    w = await verificationWorld({ ...ALL_OFF, resendCooldownSeconds: 60, resendCooldownResetSeconds: 3600 });
    const m = await w.member();
    expect((await send(us(1), { member: m })).ok).toBe(true);
    w.clock.advance(60_000);
    expect((await send(us(1), { member: m })).ok).toBe(true); // gap now 120 s
    w.clock.advance(119_000);
    expectRefused(await send(us(1), { member: m }), 'cooldown', 1000);
    w.clock.advance(3600_000);
    expect((await send(us(1), { member: m })).ok).toBe(true); // quiet for an hour: back to 60 s
    w.clock.advance(60_000);
    expect((await send(us(1), { member: m })).ok).toBe(true);
  });

  it('the message names the gap in force', async () => {
    w = await verificationWorld({ ...ALL_OFF, resendCooldownSeconds: 60 });
    const m = await w.member();
    await send(us(1), { member: m });
    const r = await send(us(1), { member: m });
    expect(r.ok ? '' : r.error.message).toMatch(/less than 60 seconds ago\. Retry in 60 seconds/);
  });
});

describe('counted limits at their boundary, with window roll-over', () => {
  it('per phone: 5 per hour (any member, any caller), again in the next hour', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerPhonePerHour: 5 });
    w.clock.set(T0 + 10 * 60_000);
    for (let i = 0; i < 5; i++)
      expect((await send(us(1), { principal: `acs:ram::1000000000000001:user/u${i}` })).ok).toBe(true);
    expectRefused(await send(us(1)), 'phone-hour', HOUR - 10 * 60_000);
    expect((await send(us(2))).ok).toBe(true);
    w.clock.set(T0 + HOUR);
    expect((await send(us(1))).ok).toBe(true);
  });

  it('per phone: 10 per UTC day, again the next day', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerPhonePerDay: 10 });
    for (let i = 0; i < 10; i++) expect((await send(us(1))).ok).toBe(true);
    const dayEnd = Math.ceil(T0 / DAY) * DAY;
    expectRefused(await send(us(1)), 'phone-day', dayEnd - T0);
    w.clock.set(dayEnd - 1);
    expectRefused(await send(us(1)), 'phone-day', 1);
    w.clock.set(dayEnd);
    expect((await send(us(1))).ok).toBe(true);
  });

  it('per member: 10 per UTC day whatever the number', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerMemberPerDay: 10 });
    const m = await w.member();
    for (let i = 0; i < 10; i++) expect((await send(us(i), { member: m })).ok).toBe(true);
    expectRefused(await send(us(50), { member: m }), 'member-day');
    expect((await send(us(50))).ok).toBe(true);
    w.clock.advance(DAY);
    expect((await send(us(51), { member: m })).ok).toBe(true);
  });

  it('per calling principal: 50 per UTC day; another principal still can', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerPrincipalPerDay: 50 });
    for (let i = 0; i < 50; i++) expect((await send(distinctPrefix(i))).ok).toBe(true);
    expectRefused(await send(distinctPrefix(60)), 'principal-day');
    expect((await send(distinctPrefix(60), { principal: 'acs:ram::1000000000000001:user/other' })).ok).toBe(true);
  });

  it('per management account: 100 per UTC day', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerManagementAccountPerDay: 100 });
    for (let i = 0; i < 100; i++)
      expect((await send(distinctPrefix(i), { principal: `acs:ram::1000000000000001:user/u${i % 7}` })).ok).toBe(true);
    expectRefused(await send(distinctPrefix(150)), 'management-day');
    w.clock.advance(DAY);
    expect((await send(distinctPrefix(150))).ok).toBe(true);
  });

  it('per prefix (the number without its last 4 digits): 20 per hour', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerPrefixPerHour: 20 });
    for (let i = 0; i < 20; i++) expect((await send(us(i))).ok).toBe(true);
    expectRefused(await send(us(20)), 'prefix-hour', HOUR);
    expect((await send(distinctPrefix(1))).ok).toBe(true);
    w.clock.advance(HOUR);
    expect((await send(us(20))).ok).toBe(true);
  });

  it('per IP: off by default; when set, counted per source address', async () => {
    w = await verificationWorld({ ...ALL_OFF });
    expect(w.settings.maxSendsPerIpPerHour).toBe(0);
    for (let i = 0; i < 30; i++) expect((await send(distinctPrefix(i), { ip: '192.0.2.1' })).ok).toBe(true);
    await w.close();
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerIpPerHour: 3 });
    for (let i = 0; i < 3; i++) expect((await send(distinctPrefix(i), { ip: '192.0.2.1' })).ok).toBe(true);
    expectRefused(await send(distinctPrefix(3), { ip: '192.0.2.1' }), 'ip-hour');
    expect((await send(distinctPrefix(3), { ip: '192.0.2.2' })).ok).toBe(true);
  });
});

describe('layering', () => {
  it('the defaults: 5 per phone per hour from 5 members, then refused', async () => {
    w = await verificationWorld();
    expect(w.settings).toMatchObject({
      resendCooldownSeconds: 60,
      maxSendsPerPhonePerHour: 5,
      maxSendsPerPhonePerDay: 10,
      maxSendsPerMemberPerDay: 10,
      maxSendsPerPrincipalPerDay: 50,
      maxSendsPerManagementAccountPerDay: 100,
      maxSendsPerPrefixPerHour: 20,
      maxSendsPerIpPerHour: 0,
      maxFailuresPerAccountPhone: 15,
    });
    for (let i = 0; i < 5; i++) expect((await send(us(1))).ok).toBe(true);
    expectRefused(await send(us(1)), 'phone-hour');
  });

  it('a refused Send consumes nothing: earlier counters are rolled back with it', async () => {
    w = await verificationWorld({ ...ALL_OFF, maxSendsPerPhonePerHour: 100, maxSendsPerManagementAccountPerDay: 2 });
    await send(us(1));
    await send(us(1));
    expect(await w.store.defence.counter('phone-hour', '+12025550101', T0)).toBe(2);
    expectRefused(await send(us(1)), 'management-day');
    expect(await w.store.defence.counter('phone-hour', '+12025550101', T0)).toBe(2);
    expect(await w.store.defence.counter('management-day', '1000000000000001', Math.floor(T0 / DAY) * DAY)).toBe(2);
  });

  it('RESDIR_LIMITS=off lifts every send limit', async () => {
    w = await verificationWorld({ limits: false });
    const m = await w.member();
    for (let i = 0; i < 30; i++) expect((await send(us(1), { member: m })).ok).toBe(true);
  });
});
