/**
 * The verification defence over real HTTP through the official clients: the limit refusal's
 * Recommend text and x-acs-retry-after, ClientToken replay and conflict, the country and
 * number-type policy, metrics, and that unknown / other-directory / real members cost the same
 * store work (no enumeration) after authorization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, startResdir, waitForSms, type Harness } from '../support/harness.js';
import { coreClient, popClient } from '../support/clients.js';
import {
  addAccountWithDirectory,
  addRamUser,
  addResourceAccountMember,
  addStandaloneAccount,
} from '../support/principals.js';

const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';

interface Refused {
  code: string;
  statusCode?: number;
  data: { Code: string; Message: string; Recommend: string };
  entry?: { response: { statusCode: number; headers: Record<string, string> } };
}
async function refused(p: Promise<unknown>): Promise<Refused> {
  return p.then(
    (v) => {
      throw new Error(`expected a refusal, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e as Refused,
  );
}

let h: Harness;
beforeAll(async () => {
  h = await startResdir({ env: { RESDIR_DENIED_CALLING_CODES: '44' } });
});
afterAll(async () => {
  await h?.close();
});

describe('limit refusals', () => {
  it('carry a Recommend text with the retry time, the troubleshooting link and x-acs-retry-after', async () => {
    const member = await addResourceAccountMember(h);
    const pop = popClient(h.url, h.boot.admin);
    await pop.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550301' }, 'POST');
    const e = await refused(pop.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550301' }, 'POST'));
    expect(e.data.Code).toBe('SendValidateCodeExceedsLimitForAccount');
    const retryAfter = Number(e.entry!.response.headers['x-acs-retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60_000);
    const m = /^Retry after (\S+) \(in (\d+) s\); sending earlier is refused again\. (.*)$/.exec(e.data.Recommend);
    expect(m).not.toBeNull();
    expect(m![3]).toMatch(/^https:\/\/api\.aliyun\.com\/troubleshoot\?q=SendValidateCodeExceedsLimitForAccount/);
    expect(Math.abs(Date.parse(m![1]!) - (Date.now() + retryAfter))).toBeLessThan(5_000);
    const audit = (await h.app.store.audit.recent(20)).find(
      (x) => x.result_code === 'SendValidateCodeExceedsLimitForAccount',
    );
    expect(audit?.detail).toBe('limit:cooldown');
  });
});

describe('ClientToken', () => {
  it('replays the first answer without a second SMS, refuses other parameters (409), validates the token', async () => {
    const member = await addResourceAccountMember(h);
    const core = coreClient(h.host, h.boot.admin);
    const phone = '1-2025550302';
    const first = await core.call(SEND, { AccountId: member, SecureMobilePhone: phone, ClientToken: 'ct-0001' });
    await waitForSms(h, phone);
    const again = await core.call(SEND, { AccountId: member, SecureMobilePhone: phone, ClientToken: 'ct-0001' });
    expect(again.ExpirationDate).toBe(first.ExpirationDate);
    expect(again.RequestId).not.toBe(first.RequestId);
    const pop = await popClient(h.url, h.boot.admin).call(
      SEND,
      { AccountId: member, SecureMobilePhone: phone, ClientToken: 'ct-0001' },
      'POST',
    );
    expect(pop.ExpirationDate).toBe(first.ExpirationDate);

    const conflict = await refused(
      core.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550303', ClientToken: 'ct-0001' }),
    );
    expect([conflict.statusCode, conflict.data.Code]).toEqual([409, 'IdempotentParameterMismatch']);
    expect(conflict.data.Message).toContain('ct-0001');
    const bad = await refused(
      core.call(SEND, { AccountId: member, SecureMobilePhone: phone, ClientToken: 'x'.repeat(65) }),
    );
    expect([bad.statusCode, bad.data.Code]).toEqual([400, 'InvalidParameter.ClientToken']);

    await new Promise((r) => setTimeout(r, 50));
    expect(await inbox(h, phone)).toHaveLength(1);
    const details = (await h.app.store.audit.recent(50))
      .filter((x) => x.target_account_id === member)
      .map((x) => `${x.result_code}/${x.detail ?? ''}`);
    expect(details).toEqual([
      'InvalidParameter.ClientToken/',
      'IdempotentParameterMismatch/client-token-mismatch',
      'OK/client-token-replay',
      'OK/client-token-replay',
      'OK/',
    ]);
  });
});

describe('country and number policy', () => {
  it('a denied calling code → 409 InvalidParameter.MobileCountryCode; non-mobile → 400 naming the reason', async () => {
    const member = await addResourceAccountMember(h);
    const core = coreClient(h.host, h.boot.admin);
    const denied = await refused(core.call(SEND, { AccountId: member, SecureMobilePhone: '44-7911123456' }));
    expect([denied.statusCode, denied.data.Code]).toEqual([409, 'InvalidParameter.MobileCountryCode']);
    expect(denied.data.Message).toContain('country policy');
    const cases: Array<[string, RegExp]> = [
      ['1-8002530000', /toll-free/],
      ['1-2025550', /not a valid number/],
    ];
    for (const [phone, why] of cases) {
      const e = await refused(core.call(SEND, { AccountId: member, SecureMobilePhone: phone }));
      expect([e.statusCode, e.data.Code]).toEqual([400, 'InvalidParameter.SecureMobilePhone']);
      expect(e.data.Message).toMatch(why);
    }
    // Bind follows the same policy (no code can exist for such a number).
    const b = await refused(
      core.call(BIND, { AccountId: member, SecureMobilePhone: '44-7911123456', VerificationCode: '123456' }),
    );
    expect(b.data.Code).toBe('InvalidParameter.MobileCountryCode');
  });
});

describe('metrics', () => {
  it('/_resdir/metrics shows sends, binds, refusals by code and reason, attempts per code, breaker trips', async () => {
    const member = await addResourceAccountMember(h);
    const core = coreClient(h.host, h.boot.admin);
    const phone = '65-91230301';
    await core.call(SEND, { AccountId: member, SecureMobilePhone: phone });
    const code = (await waitForSms(h, phone)).code;
    await refused(
      core.call(BIND, {
        AccountId: member,
        SecureMobilePhone: phone,
        VerificationCode: String((Number(code) + 1) % 1_000_000).padStart(6, '0'),
      }),
    );
    await core.call(BIND, { AccountId: member, SecureMobilePhone: phone, VerificationCode: code });
    const text = await (await fetch(`${h.url}/_resdir/metrics`)).text();
    expect(text).toMatch(/resdir_verification_sends_total\{kind="sms"\} [1-9]/);
    expect(text).toMatch(/resdir_verification_binds_total [1-9]/);
    const refusals = (labels: string) => new RegExp(`resdir_verification_refusals_total\\{${labels}\\} [1-9]`);
    expect(text).toMatch(refusals('operation="bind",code="Invalid.VerificationCode",reason="wrong-code"'));
    expect(text).toMatch(refusals('operation="send",code="SendValidateCodeExceedsLimitForAccount",reason="cooldown"'));
    expect(text).toMatch(/resdir_verification_attempts_per_code_bucket\{le="2",outcome="bound"\} [1-9]/);
    expect(text).toContain('# TYPE resdir_breaker_trips_total counter');
    expect(text).not.toContain(code);
  });
});

describe('no enumeration', () => {
  const REPOS = ['directory', 'identity', 'codes', 'limits', 'outbox', 'inbox', 'delivery', 'audit', 'nonces'].concat([
    'meta',
    'ram',
    'defence',
    'auditLog',
  ]);
  /** Records every repository call, outside and inside transactions, as `repo.method`. */
  function spyOnStore(calls: string[]): () => void {
    const store = h.app.store as unknown as Record<string, unknown>;
    const wrap = (repos: Record<string, unknown>, name: string): unknown =>
      new Proxy(repos[name] as object, {
        get(target, method) {
          const f = (target as Record<string | symbol, unknown>)[method];
          if (typeof f !== 'function') return f;
          return (...a: unknown[]) => {
            calls.push(`${name}.${String(method)}`);
            return (f as (...x: unknown[]) => unknown).apply(target, a);
          };
        },
      });
    const originals = Object.fromEntries([...REPOS, 'atomically'].map((n) => [n, store[n]]));
    const descriptors = Object.getOwnPropertyDescriptors(store);
    // The store's repositories are getters (they follow the ambient transaction): replace them.
    for (const n of REPOS) Object.defineProperty(store, n, { value: wrap(originals, n), configurable: true });
    const atomically = originals.atomically as (fn: (tx: Record<string, unknown>) => unknown) => unknown;
    store.atomically = (fn: (tx: Record<string, unknown>) => unknown) =>
      atomically.call(store, (tx: Record<string, unknown>) =>
        fn(Object.fromEntries(REPOS.map((n) => [n, wrap(tx, n)]))),
      );
    return () => Object.defineProperties(store, descriptors);
  }
  /** The calls up to and including the member resolution (its one lookup). */
  const untilMemberResolved = (calls: string[]): string[] =>
    calls.slice(0, calls.lastIndexOf('directory.lookupMember') + 1);
  const DIRECTORY_DATA = /^(directory|codes|limits|defence|outbox|inbox|delivery)\./;

  it('unknown, foreign and real members cost the same store calls; the unauthorized read no directory', async () => {
    const other = await addAccountWithDirectory(h);
    const real = await addResourceAccountMember(h);
    const calls: string[] = [];
    const restore = spyOnStore(calls);
    try {
      const core = coreClient(h.host, h.boot.admin);
      // The caller's identity comes from memory once loaded: load it before comparing.
      await core
        .call(BIND, { AccountId: real, SecureMobilePhone: '1-2025550304', VerificationCode: '123456' })
        .catch(() => undefined);
      const seen: Record<string, { code: string; calls: string[] }> = {};
      for (const [label, accountId] of [
        ['unknown', '1999999999999999'],
        ['other-directory', other.memberAccountId],
        ['real', real],
      ] as const) {
        calls.length = 0;
        const e = await core
          .call(BIND, { AccountId: accountId, SecureMobilePhone: '1-2025550304', VerificationCode: '123456' })
          .then(
            () => undefined,
            (x: unknown) => x as Refused,
          );
        seen[label] = { code: e?.data.Code ?? 'OK', calls: label === 'real' ? [...calls] : untilMemberResolved(calls) };
      }
      // Every store call (authentication, authorization, caller rule, member resolution) is the same,
      // in the same order, until the member is resolved; only the documented code differs (the member,
      // its account and its folder path are one read, whatever the account is). A member of the
      // caller's own directory may come from memory (its write re-checks it): one read fewer.
      const same = seen.unknown!.calls;
      expect(same).toContain('directory.lookupMember');
      expect(same.some((c) => c.startsWith('identity.') || c.startsWith('nonces.'))).toBe(true);
      expect(seen).toEqual({
        unknown: { code: 'EntityNotExists.Account', calls: same },
        'other-directory': { code: 'NotSupport.AccountInAnotherResourceDirectory', calls: same },
        real: { code: 'Invalid.VerificationCode', calls: expect.any(Array) },
      });
      const before = same.filter((c) => c !== 'directory.lookupMember');
      expect(seen.real!.calls.slice(0, before.length)).toEqual(before);
      // A RAM user without permission is refused before any directory data is read (the caller rule
      // reads only the directory the caller itself manages).
      const nobody = await addRamUser(h, { policies: [] });
      calls.length = 0;
      const denied = await refused(
        coreClient(h.host, nobody).call(SEND, { AccountId: real, SecureMobilePhone: '1-2025550305' }),
      );
      expect(denied.data.Code).toBe('NoPermission');
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.filter((c) => DIRECTORY_DATA.test(c) && c !== 'directory.directoryOfManager')).toEqual([]);
      // The root identity and a RAM identity of an account managing no directory: CallerIdentityError,
      // and no member, code or limit is looked at.
      calls.length = 0;
      const root = await refused(
        coreClient(h.host, h.boot.root).call(SEND, { AccountId: real, SecureMobilePhone: '1-2025550305' }),
      );
      const outsider = await addStandaloneAccount(h);
      calls.length = 0;
      const alone = await refused(
        coreClient(h.host, outsider.admin).call(BIND, {
          AccountId: real,
          SecureMobilePhone: '1-2025550305',
          VerificationCode: '123456',
        }),
      );
      expect([root.data.Code, alone.data.Code]).toEqual(['CallerIdentityError', 'CallerIdentityError']);
      expect(
        calls.filter((c) => /^directory\.(getMember|getAccount|lookupMember)$|^(codes|limits|defence)\./.test(c)),
      ).toEqual([]);
    } finally {
      restore();
    }
  });
});

describe('test numbers over HTTP', () => {
  it('Send answers 200 without an SMS, beyond every limit, and Bind takes the fixed code', async () => {
    const ht = await startResdir({ env: { RESDIR_TEST_NUMBERS: '1-2025550199=135790' } });
    try {
      const core = coreClient(ht.host, ht.boot.admin);
      const member = ht.boot.member.accountId;
      for (let i = 0; i < 12; i++) await core.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550199' });
      await new Promise((r) => setTimeout(r, 50));
      expect(await inbox(ht)).toEqual([]);
      await core.call(BIND, { AccountId: member, SecureMobilePhone: '1-2025550199', VerificationCode: '135790' });
      const acc = await core.call('GetAccount', { AccountId: member });
      expect((acc.Account as Record<string, unknown>).HasSecureMobilePhone).toBe(true);
      const details = (await ht.app.store.audit.recent(20)).filter((e) => e.action === SEND).map((e) => e.detail);
      expect(new Set(details)).toEqual(new Set(['test-number']));
    } finally {
      await ht.close();
    }
  });
});
