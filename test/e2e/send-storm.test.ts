/**
 * 200 parallel Sends for ONE phone, from 200 different RAM users to 200 different members, over
 * real HTTP: each layered limit admits exactly its number and not one more, and the counters in
 * the store agree. The clock is fixed so that every Send falls in one hour and one day.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import type { Settings } from '../../src/config/settings.js';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, type Creds } from '../support/clients.js';
import { addRamUser, addResourceAccountMember } from '../support/principals.js';

const N = 200;
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
/** The middle of a UTC hour, so hour and day windows hold the whole storm. */
const MID_HOUR = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_800_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function storm(
  settings: Partial<Settings>,
  opts: { onePrincipal?: boolean } = {},
): Promise<{ ok: number; reasons: Record<string, number> }> {
  // The server's clock may be up to 30 min from the signers' real time: widen the signature window.
  h = await startResdir({ settings: { signatureWindowSeconds: 3600, ...settings }, clock: new ManualClock(MID_HOUR) });
  const callers: Creds[] = [];
  const members: string[] = [];
  for (let i = 0; i < N; i++) {
    callers.push(
      opts.onePrincipal
        ? h.boot.admin
        : await addRamUser(h, { name: `storm-${i}`, policies: ['AliyunResourceDirectoryFullAccess'] }),
    );
    members.push(await addResourceAccountMember(h));
  }
  const hh = h;
  const results = await Promise.all(
    members.map((m, i) =>
      coreClient(hh.host, callers[i]!)
        .call(SEND, { AccountId: m, SecureMobilePhone: '1-2025550501' })
        .then(
          () => 'OK',
          (e: { data?: { Code?: string } }) => e.data?.Code ?? 'transport',
        ),
    ),
  );
  const audit = (await hh.app.store.audit.recent(5 * N)).filter((e) => e.action === SEND);
  expect(audit).toHaveLength(N);
  const reasons: Record<string, number> = {};
  for (const e of audit)
    if (e.result_code !== 'OK') reasons[e.detail ?? e.result_code] = (reasons[e.detail ?? e.result_code] ?? 0) + 1;
  const ok = results.filter((r) => r === 'OK').length;
  expect(results.filter((r) => r !== 'OK').every((r) => r === 'SendValidateCodeExceedsLimitForAccount')).toBe(true);
  expect(audit.filter((e) => e.result_code === 'OK')).toHaveLength(ok);
  return { ok, reasons };
}

const hourOf = (t: number) => Math.floor(t / 3_600_000) * 3_600_000;
const dayOf = (t: number) => Math.floor(t / 86_400_000) * 86_400_000;

describe(`${N} parallel Sends for one phone from different callers`, () => {
  it('defaults: exactly 5 (per phone per hour)', async () => {
    const r = await storm({});
    expect(r).toEqual({ ok: 5, reasons: { 'limit:phone-hour': N - 5 } });
    expect(await h!.app.store.defence.counter('phone-hour', '+12025550501', hourOf(MID_HOUR))).toBe(5);
    expect(await h!.app.store.defence.counter('phone-day', '+12025550501', dayOf(MID_HOUR))).toBe(5);
    expect(await h!.app.store.defence.counter('prefix-hour', '+1202555', hourOf(MID_HOUR))).toBe(5);
  });

  it('per phone per day 7 (hourly limit lifted): exactly 7', async () => {
    expect(await storm({ maxSendsPerPhonePerHour: 0, maxSendsPerPhonePerDay: 7 })).toEqual({
      ok: 7,
      reasons: { 'limit:phone-day': N - 7 },
    });
    expect(await h!.app.store.defence.counter('phone-day', '+12025550501', dayOf(MID_HOUR))).toBe(7);
  });

  it('per prefix 20 (per-phone limits lifted): exactly 20', async () => {
    expect(await storm({ maxSendsPerPhonePerHour: 0, maxSendsPerPhonePerDay: 0 })).toEqual({
      ok: 20,
      reasons: { 'limit:prefix-hour': N - 20 },
    });
  });

  it('per management account 33 (phone and prefix limits lifted): exactly 33', async () => {
    expect(
      await storm({
        maxSendsPerPhonePerHour: 0,
        maxSendsPerPhonePerDay: 0,
        maxSendsPerPrefixPerHour: 0,
        maxSendsPerManagementAccountPerDay: 33,
      }),
    ).toEqual({ ok: 33, reasons: { 'limit:management-day': N - 33 } });
  });

  it('per principal 50, all from one RAM user: exactly 50', async () => {
    expect(
      await storm(
        { maxSendsPerPhonePerHour: 0, maxSendsPerPhonePerDay: 0, maxSendsPerPrefixPerHour: 0, breakerMinSends: 0 },
        { onePrincipal: true },
      ),
    ).toEqual({ ok: 50, reasons: { 'limit:principal-day': N - 50 } });
  });

  it('the breaker (threshold 40, nothing bound): exactly 40 go out, then one trip', async () => {
    const r = await storm({
      maxSendsPerPhonePerHour: 0,
      maxSendsPerPhonePerDay: 0,
      maxSendsPerPrefixPerHour: 0,
      breakerMinSends: 40,
    });
    expect(r).toEqual({ ok: 40, reasons: { 'limit:breaker': N - 40 } });
    const trips = (await h!.app.store.audit.recent(5 * N)).filter((e) => e.action === 'SmsPumpingBreakerTripped');
    expect(trips).toHaveLength(1);
  });
});
