/**
 * Member administration of 2022-04-19 through the generic client: the display-name synchronization
 * switch, payers (UpdatePayerForAccount, GetPayerForAccount) and the consolidated billing precheck;
 * every documented error, permissions, hostile input, a race, the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient } from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
  addCloudAccountMember,
  addRamUser,
  addResourceAccountMember,
  addStandaloneAccount,
} from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const setPayer = (AccountId: string, PayerAccountId: string) =>
  core.call('UpdatePayerForAccount', { AccountId, PayerAccountId });
const payerOf = async (AccountId: string) => (await core.call('GetPayerForAccount', { AccountId })) as Json;
const precheck = (BillingAccountId: string) => core.call('PrecheckForConsolidatedBillingAccount', { BillingAccountId });

describe('display-name synchronization', () => {
  it('is Disabled until set, then GetResourceDirectory (2022-04-19) shows it', async () => {
    const dir = async (version = '2022-04-19') =>
      ((await core.call('GetResourceDirectory', {}, version)) as { ResourceDirectory: Json }).ResourceDirectory;
    expect((await dir()).MemberAccountDisplayNameSyncStatus).toBe('Disabled');
    const set = await core.call('SetMemberDisplayNameSyncStatus', { Status: 'Enabled' });
    expect(set).toMatchObject({ MemberAccountDisplayNameSyncStatus: 'Enabled' });
    expect(set.RequestId).toBeTypeOf('string');
    expect((await dir()).MemberAccountDisplayNameSyncStatus).toBe('Enabled');
    expect(await dir('2020-03-31')).not.toHaveProperty('MemberAccountDisplayNameSyncStatus');
    await core.call('SetMemberDisplayNameSyncStatus', { Status: 'Disabled' });
    expect((await dir()).MemberAccountDisplayNameSyncStatus).toBe('Disabled');
  });

  it('refuses a missing or unknown Status, and the 2020-03-31 version', async () => {
    await refusedWith(core.call('SetMemberDisplayNameSyncStatus', {}), 'MissingParameter', 400);
    for (const bad of ['enabled', 'On', "Enabled' OR '1'='1", 'x'.repeat(5000)])
      await refusedWith(core.call('SetMemberDisplayNameSyncStatus', { Status: bad }), 'InvalidParameter', 400);
    const e = await refusedWith(
      core.call('SetMemberDisplayNameSyncStatus', { Status: 'Enabled' }, '2020-03-31'),
      'InvalidAction.NotFound',
    );
    expect(e.data.Message).toBeTypeOf('string');
  });

  it('an account without a directory gets ResourceDirectoryNotInUse', async () => {
    const lone = coreClient(h.host, (await addStandaloneAccount(h)).root);
    for (const [action, params] of [
      ['SetMemberDisplayNameSyncStatus', { Status: 'Enabled' }],
      ['UpdatePayerForAccount', { AccountId: h.boot.member.accountId, PayerAccountId: h.boot.member.accountId }],
      ['PrecheckForConsolidatedBillingAccount', { BillingAccountId: h.boot.member.accountId }],
    ] as const)
      await refusedWith(lone.call(action, params), 'ResourceDirectoryNotInUse', 404);
  });
});

describe('payers', () => {
  it('a member pays for itself until another member of the directory is named its payer', async () => {
    const [a, b] = [await addResourceAccountMember(h, h.boot, 'payee a'), await addResourceAccountMember(h)];
    expect(await payerOf(a)).toMatchObject({ PayerAccountId: a, PayerAccountName: expect.any(String) });
    expect(await precheck(a)).toMatchObject({ Result: true, Reasons: [] });
    const r = await setPayer(a, b);
    expect(Object.keys(r)).toEqual(['RequestId']);
    const paid = await payerOf(a);
    expect(paid.PayerAccountId).toBe(b);
    expect(paid.PayerAccountName).toBe((await payerOf(b)).PayerAccountName);
    const no = (await precheck(a)) as { Result: boolean; Reasons: Json[] };
    expect(no.Result).toBe(false);
    expect(no.Reasons).toEqual([{ Code: 'PaidByAnotherAccount', Message: expect.stringContaining(b) }]);
    expect(await precheck(b)).toMatchObject({ Result: true });
    await setPayer(a, a);
    expect((await payerOf(a)).PayerAccountId).toBe(a);
  });

  it('the management account may pay; payers are one level deep', async () => {
    const [a, b, c] = [
      await addResourceAccountMember(h),
      await addResourceAccountMember(h),
      await addResourceAccountMember(h),
    ];
    await setPayer(a, h.boot.managementAccountId);
    expect((await payerOf(a)).PayerAccountId).toBe(h.boot.managementAccountId);
    await setPayer(b, c);
    const e1 = await refusedWith(setPayer(a, b), 'InvalidPayerAccount', 409);
    expect(e1.data.Message).toContain(c);
    const e2 = await refusedWith(setPayer(c, await addResourceAccountMember(h)), 'InvalidPayerAccount', 409);
    expect(e2.data.Message).toContain('pays for other members');
  });

  it('a payer that leaves the directory no longer pays', async () => {
    const a = await addResourceAccountMember(h);
    const payer = await addCloudAccountMember(h);
    await setPayer(a, payer);
    expect((await payerOf(a)).PayerAccountId).toBe(payer);
    await core.call('RemoveCloudAccount', { AccountId: payer });
    expect((await payerOf(a)).PayerAccountId).toBe(a);
  });

  it('every documented error', async () => {
    const a = await addResourceAccountMember(h);
    const other = await addAccountWithDirectory(h);
    const theirs = other.memberAccountId;
    await refusedWith(setPayer('1999999999999999', a), 'EntityNotExists.Account', 404);
    await refusedWith(setPayer(theirs, a), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(setPayer(a, '1999999999999999'), 'EntityNotExists.PayerAccount', 404);
    await refusedWith(setPayer(a, theirs), 'EntityNotExists.PayerAccount', 404);
    await refusedWith(precheck('1999999999999999'), 'EntityNotExists.Account', 404);
    await refusedWith(precheck(theirs), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(core.call('UpdatePayerForAccount', { PayerAccountId: a }), 'MissingParameter.AccountId', 400);
    await refusedWith(core.call('UpdatePayerForAccount', { AccountId: a }), 'MissingParameter.PayerAccountId', 400);
    await refusedWith(core.call('PrecheckForConsolidatedBillingAccount', {}), 'MissingParameter.BillingAccountId', 400);
    for (const bad of [
      '123',
      "1' OR '1'='1",
      '１２３４５６７８９０１２３４５６',
      'a'.repeat(10_000),
      '0000000000000000 ',
    ]) {
      await refusedWith(setPayer(bad, a), 'InvalidParameter.AccountId', 400);
      await refusedWith(setPayer(a, bad), 'InvalidParameter.PayerAccountId', 400);
      await refusedWith(precheck(bad), 'InvalidParameter.BillingAccountId', 400);
    }
  });

  it('two members naming each other at once: at most one wins, never a cycle', async () => {
    const [a, b] = [await addResourceAccountMember(h), await addResourceAccountMember(h)];
    const outcomes = await Promise.allSettled([setPayer(a, b), setPayer(b, a), setPayer(a, b), setPayer(b, a)]);
    for (const o of outcomes)
      if (o.status === 'rejected')
        expect((o.reason as { data: { Code: string } }).data.Code).toBe('InvalidPayerAccount');
    const [pa, pb] = [(await payerOf(a)).PayerAccountId, (await payerOf(b)).PayerAccountId];
    expect(pa === b && pb === a).toBe(false);
    expect(pa === a || pb === b).toBe(true);
  });
});

describe('permission', () => {
  it('read-only access may read the payer but not change or precheck it; a member may do none of it', async () => {
    const m = await addResourceAccountMember(h);
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    await ro.call('GetPayerForAccount', { AccountId: m });
    const calls: Array<[string, Record<string, string>]> = [
      ['UpdatePayerForAccount', { AccountId: m, PayerAccountId: m }],
      ['PrecheckForConsolidatedBillingAccount', { BillingAccountId: m }],
      ['SetMemberDisplayNameSyncStatus', { Status: 'Enabled' }],
    ];
    for (const [action, params] of calls) {
      const e = await refusedWith(ro.call(action, params), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
    const member = coreClient(h.host, await addAccessKey(h, h.boot.member.accountId, null));
    for (const [action, params] of calls) await refusedWith(member.call(action, params), 'NoPermission', 403);
  });
});

describe('audit', () => {
  it('the changes are found by LookupEvents', async () => {
    const m = await addResourceAccountMember(h);
    await setPayer(m, m);
    await core.call('SetMemberDisplayNameSyncStatus', { Status: 'Disabled' });
    await precheck(m);
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = ev.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of [
      'UpdatePayerForAccount',
      'SetMemberDisplayNameSyncStatus',
      'PrecheckForConsolidatedBillingAccount',
    ])
      expect(names).toContain(n);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
