/**
 * Races over real HTTP through the official SDKs: wrong-code storms, right-code storms, daily
 * limits and the resend cooldown under parallel calls. Every outcome is what a client sees.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { inbox, startResdir, waitForSms, type Harness } from '../support/harness.js';
import { inspectableDatabaseUrl, queryRows } from '../support/db-rows.js';
import { coreClient, popClient, productClient, rmModels, type Creds } from '../support/clients.js';

/** What a client saw: 200, or the HTTP status with the error Code and Message. */
interface Outcome {
  status: number;
  code?: string;
  message?: string;
}

/** Normalizes the three SDKs' success and error shapes; a transport failure is rethrown. */
async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return { status: 200 };
  } catch (e) {
    const x = e as {
      statusCode?: number;
      data?: { Code?: string; Message?: string };
      entry?: { response?: { statusCode?: number } };
    };
    const status = x.statusCode ?? x.entry?.response?.statusCode;
    if (status === undefined || x.data?.Code === undefined) throw e;
    return { status, code: x.data.Code, message: x.data.Message ?? '' };
  }
}

const CLIENTS = ['product-acs3', 'product-v1', 'core-2022', 'core-2020', 'pop-get', 'pop-post'] as const;
type ClientKind = (typeof CLIENTS)[number];

/** Calls a secure-phone action through one of the official clients, chosen by `kind`. */
function callWith(
  h: Harness,
  kind: ClientKind,
  creds: Creds,
  action: 'Send' | 'Bind',
  p: { accountId: string; phone: string; code?: string },
): Promise<unknown> {
  const rpcAction = action === 'Send' ? 'SendVerificationCodeForBindSecureMobilePhone' : 'BindSecureMobilePhone';
  const params: Record<string, string> = {
    AccountId: p.accountId,
    SecureMobilePhone: p.phone,
    ...(p.code !== undefined ? { VerificationCode: p.code } : {}),
  };
  switch (kind) {
    case 'product-acs3':
    case 'product-v1': {
      const c = productClient(h.host, creds, kind === 'product-v1' ? 'v2' : undefined);
      return action === 'Send'
        ? c.sendVerificationCodeForBindSecureMobilePhone(
            new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
              accountId: p.accountId,
              secureMobilePhone: p.phone,
            }),
          )
        : c.bindSecureMobilePhone(
            new rmModels.BindSecureMobilePhoneRequest({
              accountId: p.accountId,
              secureMobilePhone: p.phone,
              verificationCode: p.code,
            }),
          );
    }
    case 'core-2022':
      return coreClient(h.host, creds).call(rpcAction, params);
    case 'core-2020':
      return coreClient(h.host, creds).call(rpcAction, params, '2020-03-31');
    case 'pop-get':
      return popClient(h.url, creds).call(rpcAction, params, 'GET');
    case 'pop-post':
      return popClient(h.url, creds).call(rpcAction, params, 'POST');
  }
}

const parallel = <T>(n: number, f: (i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: n }, (_, i) => f(i)));
const tally = (xs: Outcome[]): Record<string, number> => {
  const t: Record<string, number> = {};
  for (const x of xs) t[x.code ?? String(x.status)] = (t[x.code ?? String(x.status)] ?? 0) + 1;
  return t;
};
/** `1-20255501NN`: valid US numbers, distinct for distinct n < 100. */
const usPhone = (n: number): string => `1-20255501${String(n).padStart(2, '0')}`;

async function hasSecurePhone(h: Harness, accountId: string): Promise<unknown> {
  const got = await coreClient(h.host, h.boot.admin).call('GetAccount', { AccountId: accountId });
  return (got.Account as Record<string, unknown>).HasSecureMobilePhone;
}

/** Waits (bounded) until the worker delivered `n` messages for the account and nothing else is queued. */
async function settledInbox(h: Harness, accountIds: string[], n: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const msgs = (await inbox(h)).filter((m) => accountIds.includes(m.accountId));
    if (msgs.length >= n && (await h.app.store.outbox.nextDueAt()) === undefined) return msgs.length;
    if (Date.now() > deadline) return msgs.length;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('50 parallel Binds with wrong codes', () => {
  let h: Harness;
  let dir: string;
  let dbFile: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-concurrency-'));
    dbFile = path.join(dir, 'resdir.db');
    const dbUrl = inspectableDatabaseUrl(dbFile);
    h = await startResdir(dbUrl ? { env: { RESDIR_DATABASE_URL: dbUrl } } : {});
  });
  afterAll(async () => {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts exactly max_attempts (5), burns the code, and a new Send’s code then works', async () => {
    const member = h.boot.member.accountId;
    const phone = usPhone(1);
    expect(await outcome(callWith(h, 'product-acs3', h.boot.admin, 'Send', { accountId: member, phone }))).toEqual({
      status: 200,
    });
    const right = (await waitForSms(h, phone)).code;
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');

    const got = await parallel(50, (i) =>
      outcome(
        callWith(h, CLIENTS[i % CLIENTS.length]!, h.boot.admin, 'Bind', { accountId: member, phone, code: wrong(i) }),
      ),
    );
    expect(got.every((o) => o.status === 409 && o.code === 'Invalid.VerificationCode')).toBe(true);
    // Exactly five calls got to compare (4, 3, 2, 1 attempts left, then none); the other 45 found no live code.
    const left = got.map((o) => /(\d+) attempt\(s\) left/.exec(o.message ?? '')?.[1]).filter((x) => x !== undefined);
    expect(left.sort()).toEqual(['1', '2', '3', '4']);
    expect(got.filter((o) => /No attempts are left/.test(o.message ?? ''))).toHaveLength(1);

    // The right code is refused now: the code is burned.
    expect(
      await outcome(callWith(h, 'core-2022', h.boot.admin, 'Bind', { accountId: member, phone, code: right })),
    ).toMatchObject({ status: 409, code: 'Invalid.VerificationCode' });
    expect(await hasSecurePhone(h, member)).toBe(false);

    // The database agrees: attempts stopped at max_attempts; nothing consumed.
    const rows = await queryRows(
      h.app.settings.databaseUrl,
      'select attempts, max_attempts, consumed_at from verification_codes where account_id = $1',
      [member],
    );
    expect(rows).toEqual([{ attempts: 5, max_attempts: 5, consumed_at: null }]);

    // A new Send (another phone: the first one is in its resend cooldown) issues a working code.
    const phone2 = usPhone(2);
    expect(await outcome(callWith(h, 'pop-post', h.boot.admin, 'Send', { accountId: member, phone: phone2 }))).toEqual({
      status: 200,
    });
    const fresh = (await waitForSms(h, phone2)).code;
    expect(
      await outcome(
        callWith(h, 'product-acs3', h.boot.admin, 'Bind', { accountId: member, phone: phone2, code: fresh }),
      ),
    ).toEqual({ status: 200 });
    expect(await hasSecurePhone(h, member)).toBe(true);
  });
});

describe('20 parallel Binds with the right code', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startResdir();
  });
  afterAll(async () => {
    await h.close();
  });

  it('exactly one binds; the others get 409; one OK audit record', async () => {
    const member = h.boot.member.accountId;
    const phone = '65-91230001';
    expect(await outcome(callWith(h, 'core-2022', h.boot.admin, 'Send', { accountId: member, phone }))).toEqual({
      status: 200,
    });
    const right = (await waitForSms(h, phone)).code;

    const got = await parallel(20, (i) =>
      outcome(
        callWith(h, CLIENTS[i % CLIENTS.length]!, h.boot.admin, 'Bind', { accountId: member, phone, code: right }),
      ),
    );
    expect(got.filter((o) => o.status === 200)).toHaveLength(1);
    const refused = got.filter((o) => o.status !== 200);
    expect(refused).toHaveLength(19);
    for (const o of refused) {
      expect(o.status).toBe(409);
      expect(['Invalid.VerificationCode', 'AccountSecureMobileAlreadyExists']).toContain(o.code);
    }

    expect(await hasSecurePhone(h, member)).toBe(true);
    expect((await h.app.store.directory.getAccount(member))?.secure_mobile_phone).toBe('+6591230001');
    const binds = (await h.app.store.audit.recent(1000)).filter((e) => e.action === 'BindSecureMobilePhone');
    expect(binds).toHaveLength(20);
    expect(binds.filter((e) => e.result_code === 'OK')).toHaveLength(1);
    expect(binds.every((e) => e.target_account_id === member)).toBe(true);
  });
});

describe('parallel Sends around the daily limits', () => {
  it('member limit 5: of 30 parallel Sends for one member (30 phones) exactly 5 succeed, 5 SMS go out', async () => {
    // A fixed clock keeps every Send in one UTC day.
    const h = await startResdir({
      settings: { maxSendsPerMemberPerDay: 5, resendCooldownSeconds: 0 },
      clock: new ManualClock(Date.now()),
    });
    try {
      const member = h.boot.member.accountId;
      const got = await parallel(30, (i) =>
        outcome(
          callWith(h, CLIENTS[i % CLIENTS.length]!, h.boot.admin, 'Send', {
            accountId: member,
            phone: usPhone(10 + i),
          }),
        ),
      );
      expect(tally(got)).toEqual({ '200': 5, SendValidateCodeExceedsLimitForAccount: 25 });
      expect(
        got
          .filter((o) => o.status !== 200)
          .every((o) => o.status === 409 && /for one member per day/.test(o.message ?? '')),
      ).toBe(true);
      expect(await settledInbox(h, [member], 5)).toBe(5);
      const sends = (await h.app.store.audit.recent(1000)).filter(
        (e) => e.action === 'SendVerificationCodeForBindSecureMobilePhone',
      );
      expect(sends.filter((e) => e.result_code === 'OK')).toHaveLength(5);
    } finally {
      await h.close();
    }
  });

  it('management-account limit 7: of 20 parallel Sends over 10 members exactly 7 succeed, 7 SMS go out', async () => {
    const h = await startResdir({
      settings: { maxSendsPerManagementAccountPerDay: 7, resendCooldownSeconds: 0 },
      clock: new ManualClock(Date.now()),
    });
    try {
      const core = coreClient(h.host, h.boot.admin);
      const members: string[] = [];
      for (let i = 0; i < 10; i++) {
        const created = await core.call('CreateResourceAccount', { DisplayName: `limit member ${i}` });
        members.push((created.Account as Record<string, string>).AccountId!);
      }
      const got = await parallel(20, (i) =>
        outcome(
          callWith(h, CLIENTS[i % CLIENTS.length]!, h.boot.admin, 'Send', {
            accountId: members[i % 10]!,
            phone: usPhone(40 + i),
          }),
        ),
      );
      expect(tally(got)).toEqual({ '200': 7, SendValidateCodeExceedsLimitForAccount: 13 });
      expect(
        got
          .filter((o) => o.status !== 200)
          .every((o) => o.status === 409 && /per management account per day/.test(o.message ?? '')),
      ).toBe(true);
      expect(await settledInbox(h, members, 7)).toBe(7);
    } finally {
      await h.close();
    }
  });
});

describe('resend cooldown under concurrency', () => {
  it('of 10 parallel Sends to one (member, phone) with the default 60 s cooldown exactly 1 succeeds', async () => {
    const h = await startResdir();
    try {
      const member = h.boot.member.accountId;
      const phone = usPhone(99);
      const got = await parallel(10, (i) =>
        outcome(callWith(h, CLIENTS[i % CLIENTS.length]!, h.boot.admin, 'Send', { accountId: member, phone })),
      );
      expect(tally(got)).toEqual({ '200': 1, SendValidateCodeExceedsLimitForAccount: 9 });
      expect(
        got
          .filter((o) => o.status !== 200)
          .every((o) => o.status === 409 && /less than 60 seconds/.test(o.message ?? '')),
      ).toBe(true);
      expect(await settledInbox(h, [member], 1)).toBe(1);
      expect(await inbox(h, phone)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});
