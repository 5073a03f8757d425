/**
 * Members through the official clients: ListAccountsForParent, both pagings and QueryKeyword,
 * UpdateAccount, MoveAccount (and two racing moves), GetPayerForAccount, and what a member account
 * may read about its directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels as RM } from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
  addCloudAccountMember,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const folder = async (name: string) =>
  ((await core.call('CreateFolder', { FolderName: name })).Folder as Json).FolderId as string;
const accountsOf = (r: Json) => (r.Accounts as Json).Account as Json[];
const member = async (name: string) =>
  ((await core.call('CreateResourceAccount', { DisplayName: name })).Account as Json).AccountId as string;

describe('listing members', () => {
  it('ListAccountsForParent lists one folder; every SDK model field is present (2020 SDK and 2022)', async () => {
    const f = await folder('list-parent');
    const a = await member('in folder a');
    await core.call('MoveAccount', { AccountId: a, DestinationFolderId: f });
    const sdk = productClient(h.host, h.boot.admin);
    const r = await sdk.listAccountsForParent(new RM.ListAccountsForParentRequest({ parentFolderId: f }));
    expect(r.body.totalCount).toBe(1);
    expect(r.body.accounts.account[0].accountId).toBe(a);
    expect(r.body.accounts.account[0].folderId).toBe(f);
    const raw = await core.call('ListAccountsForParent', { ParentFolderId: f });
    expectModelFields(raw, 'ListAccountsForParentResponseBody');
    expectModelFields(accountsOf(raw)[0], 'ListAccountsForParentResponseBodyAccountsAccount');
    const all = await core.call('ListAccounts', {});
    expectModelFields(all, 'ListAccountsResponseBody');
    expectModelFields(accountsOf(all)[0], 'ListAccountsResponseBodyAccountsAccount');
    await refusedWith(
      core.call('ListAccountsForParent', { ParentFolderId: 'fd-0000000000' }),
      'EntityNotExists.Folder',
      404,
    );
    await refusedWith(core.call('ListAccountsForParent', {}), 'MissingParameter.ParentFolderId', 400);
    await refusedWith(
      core.call('ListAccountsForParent', { ParentFolderId: 'x' }),
      'InvalidParameter.ParentFolderId',
      400,
    );
  });

  it('QueryKeyword filters by account ID, account name and display name, case-insensitively', async () => {
    const a = await member('Keyword Alpha');
    const b = await member('keyword beta');
    const q = async (k: string, action = 'ListAccounts', extra: Json = {}) =>
      accountsOf(await core.call(action, { QueryKeyword: k, ...(extra as Record<string, string>) })).map(
        (x) => x.AccountId,
      );
    expect((await q('KEYWORD')).sort()).toEqual([a, b].sort());
    expect(await q('alpha')).toEqual([a]);
    expect(await q(b)).toEqual([b]);
    const name = ((await core.call('GetAccount', { AccountId: b })).Account as Json).AccountName as string;
    expect(await q(name.split('@')[0]!)).toEqual([b]);
    expect(await q('%')).toEqual([]);
    expect(await q('beta', 'ListAccountsForParent', { ParentFolderId: h.boot.rootFolderId })).toEqual([b]);
    await refusedWith(
      core.call('ListAccounts', { QueryKeyword: 'x'.repeat(129) }),
      'InvalidParameter.QueryKeyword',
      400,
    );
  });

  it('both pagings walk every member exactly once', async () => {
    for (let i = 0; i < 5; i++) await member(`paged member ${i}`);
    const total = (await core.call('ListAccounts', {})).TotalCount as number;
    const byPage: string[] = [];
    for (let p = 1; byPage.length < total; p++) {
      const r = await core.call('ListAccounts', { PageNumber: String(p), PageSize: '3' });
      expect(r).toMatchObject({ PageNumber: p, PageSize: 3, TotalCount: total });
      byPage.push(...accountsOf(r).map((x) => x.AccountId as string));
    }
    const byToken: string[] = [];
    let token: string | undefined;
    do {
      const r = await core.call('ListAccounts', { MaxResults: '2', ...(token ? { NextToken: token } : {}) });
      expect(r.MaxResults).toBe(2);
      byToken.push(...accountsOf(r).map((x) => x.AccountId as string));
      token = r.NextToken as string;
    } while (token);
    expect(byToken).toEqual(byPage);
    expect(new Set(byPage).size).toBe(total);
    await refusedWith(core.call('ListAccounts', { NextToken: 'bm9wZQ' }), 'InvalidParameter.NextToken', 400);
    await refusedWith(core.call('ListAccounts', { MaxResults: '101' }), 'InvalidParameter.MaxResults', 400);
    await refusedWith(core.call('ListAccounts', { PageNumber: '0' }), 'InvalidParameter.PageNumber', 400);
  });
});

describe('MoveAccount', () => {
  it('moves a member (2020 SDK); its path and folder follow; errors as documented', async () => {
    const f = await folder('move-dest');
    const a = await member('mover');
    const sdk = productClient(h.host, h.boot.admin);
    const r = await sdk.moveAccount(new RM.MoveAccountRequest({ accountId: a, destinationFolderId: f }));
    expect(r.body.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expectModelFields(
      await core.call('MoveAccount', { AccountId: a, DestinationFolderId: f }),
      'MoveAccountResponseBody',
    );
    const got = (await core.call('GetAccount', { AccountId: a })).Account as Json;
    expect(got).toMatchObject({
      FolderId: f,
      ResourceDirectoryPath: `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${f}/${a}`,
    });
    await refusedWith(
      core.call('MoveAccount', { AccountId: a, DestinationFolderId: 'fd-0000000000' }),
      'EntityNotExists.Folder',
      404,
    );
    await refusedWith(
      core.call('MoveAccount', { AccountId: '1999999999999999', DestinationFolderId: f }),
      'EntityNotExists.Account',
      404,
    );
    const other = await addAccountWithDirectory(h);
    await refusedWith(
      core.call('MoveAccount', { AccountId: other.memberAccountId, DestinationFolderId: f }),
      'NotSupport.AccountInAnotherResourceDirectory',
      409,
    );
    await refusedWith(core.call('MoveAccount', { DestinationFolderId: f }), 'MissingParameter.AccountId', 400);
    await refusedWith(core.call('MoveAccount', { AccountId: a }), 'MissingParameter.DestinationFolderId', 400);
    await refusedWith(
      core.call('MoveAccount', { AccountId: a, DestinationFolderId: 'fd-a/b' }),
      'InvalidParameter.DestinationFolderId',
      400,
    );
    await refusedWith(
      core.call('MoveAccount', { AccountId: 'a', DestinationFolderId: f }),
      'InvalidParameter.AccountId',
      400,
    );
    expect(((await core.call('GetAccount', { AccountId: a })).Account as Json).FolderId).toBe(f);
  });

  it('two racing moves of one member: one outcome, the member is in exactly one folder', async () => {
    for (let round = 0; round < 4; round++) {
      const [x, y] = [await folder(`race-x${round}`), await folder(`race-y${round}`)];
      const a = await member(`racer ${round}`);
      const results = await Promise.allSettled([
        core.call('MoveAccount', { AccountId: a, DestinationFolderId: x }),
        core.call('MoveAccount', { AccountId: a, DestinationFolderId: y }),
      ]);
      for (const r of results) if (r.status === 'rejected') expect(r.reason.code).toBe('ConcurrentCallNotSupported');
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
      const inX = (await core.call('ListAccountsForParent', { ParentFolderId: x })).TotalCount as number;
      const inY = (await core.call('ListAccountsForParent', { ParentFolderId: y })).TotalCount as number;
      expect(inX + inY).toBe(1);
      const now = ((await core.call('GetAccount', { AccountId: a })).Account as Json).FolderId;
      expect(now).toBe(inX === 1 ? x : y);
    }
  });
});

describe('UpdateAccount', () => {
  it('renames (2020 SDK); names stay unique; exactly one change per call', async () => {
    const a = await member('rename me');
    const b = await member('taken name');
    const sdk = productClient(h.host, h.boot.admin);
    const r = await sdk.updateAccount(new RM.UpdateAccountRequest({ accountId: a, newDisplayName: 'renamed' }));
    expect(r.body.account.displayName).toBe('renamed');
    const raw = await core.call('UpdateAccount', { AccountId: a, NewDisplayName: 'renamed again' });
    expectModelFields(raw, 'UpdateAccountResponseBody');
    expectModelFields(raw.Account, 'UpdateAccountResponseBodyAccount');
    await refusedWith(
      core.call('UpdateAccount', { AccountId: a, NewDisplayName: 'taken name' }),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
      409,
    );
    await refusedWith(core.call('UpdateAccount', { AccountId: a }), 'MissingDisplayNameOrAccountType', 409);
    await refusedWith(
      core.call('UpdateAccount', { AccountId: a, NewDisplayName: 'x y', NewAccountType: 'CloudAccount' }),
      'MissingDisplayNameOrAccountType',
      409,
    );
    for (const bad of ['a', 'x'.repeat(51), 'bad/name', 'nul\u0000', 'rtl\u202e']) {
      await refusedWith(
        core.call('UpdateAccount', { AccountId: a, NewDisplayName: bad }),
        'InvalidParameter.Account.DisplayName',
        400,
      );
    }
    await refusedWith(
      core.call('UpdateAccount', { AccountId: a, NewAccountType: 'Other' }),
      'InvalidParameter.NewAccountType',
      400,
    );
    await refusedWith(
      coreClient(h.host, h.boot.root).call('UpdateAccount', { AccountId: a, NewDisplayName: 'by root' }),
      'CallerIdentityError',
      409,
    );
    expect(((await core.call('GetAccount', { AccountId: a })).Account as Json).DisplayName).toBe('renamed again');
    expect(((await core.call('GetAccount', { AccountId: b })).Account as Json).DisplayName).toBe('taken name');
  });

  it('racing renames of two members to one name: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const [a, b] = [await member(`race rename a${round}`), await member(`race rename b${round}`)];
      const results = await Promise.allSettled(
        [a, b].map((id) => core.call('UpdateAccount', { AccountId: id, NewDisplayName: `contested ${round}` })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason.code).toBe('InvalidParameter.Account.DisplayName.AlreadyUsed');
      const names = await Promise.all(
        [a, b].map(async (id) => ((await core.call('GetAccount', { AccountId: id })).Account as Json).DisplayName),
      );
      expect(names.filter((n) => n === `contested ${round}`)).toHaveLength(1);
    }
  });

  it('CreateResourceAccount answers every field of the SDK model', async () => {
    const r = await core.call('CreateResourceAccount', { DisplayName: 'model fields' });
    expectModelFields(r, 'CreateResourceAccountResponseBody');
    expectModelFields(r.Account, 'CreateResourceAccountResponseBodyAccount');
  });

  it('switches type where documented: CloudAccount → ResourceAccount; the reverse needs a secure phone', async () => {
    const cloud = await addCloudAccountMember(h);
    const r = await core.call('UpdateAccount', { AccountId: cloud, NewAccountType: 'ResourceAccount' });
    expect((r.Account as Json).Type).toBe('ResourceAccount');
    await refusedWith(
      core.call('UpdateAccount', { AccountId: cloud, NewAccountType: 'ResourceAccount' }),
      'AccountTypeMismatch',
      409,
    );
    await refusedWith(
      core.call('UpdateAccount', { AccountId: cloud, NewAccountType: 'CloudAccount' }),
      'MissingSecurityInfo',
      409,
    );
  });
});

describe('GetPayerForAccount and GetAccount', () => {
  it('a member pays for itself; every SDK model field is present', async () => {
    const a = await member('payer check');
    const sdk = productClient(h.host, h.boot.admin);
    const r = await sdk.getPayerForAccount(new RM.GetPayerForAccountRequest({ accountId: a }));
    expect(r.body.payerAccountId).toBe(a);
    expectModelFields(await core.call('GetPayerForAccount', { AccountId: a }), 'GetPayerForAccountResponseBody');
    expectModelFields((await core.call('GetAccount', { AccountId: a })).Account, 'GetAccountResponseBodyAccount');
    await refusedWith(
      core.call('GetPayerForAccount', { AccountId: '1999999999999999' }),
      'EntityNotExists.Account',
      404,
    );
    await refusedWith(core.call('GetPayerForAccount', {}), 'MissingParameter.AccountId', 400);
  });
});

describe('permission', () => {
  it('read-only access lists and reads members but cannot move or rename them', async () => {
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    const a = await member('ro target');
    await ro.call('ListAccountsForParent', { ParentFolderId: h.boot.rootFolderId });
    await ro.call('GetPayerForAccount', { AccountId: a });
    await refusedWith(
      ro.call('MoveAccount', { AccountId: a, DestinationFolderId: h.boot.rootFolderId }),
      'NoPermission',
      403,
    );
    await refusedWith(ro.call('UpdateAccount', { AccountId: a, NewDisplayName: 'nope' }), 'NoPermission', 403);
  });

  it("a member's root and RAM admin read only their own account and their directory, never siblings", async () => {
    const self = h.boot.member.accountId;
    const sibling = await addResourceAccountMember(h);
    const memberRoot = await addAccessKey(h, self, null);
    const memberAdmin = await addRamUser(h, { accountId: self, policies: ['AliyunResourceDirectoryFullAccess'] });
    for (const creds of [memberRoot, memberAdmin]) {
      const c = coreClient(h.host, creds);
      expect(((await c.call('GetAccount', { AccountId: self })).Account as Json).AccountId).toBe(self);
      expect((await c.call('GetPayerForAccount', { AccountId: self })).PayerAccountId).toBe(self);
      expect((await c.call('GetResourceDirectory', {})).ResourceDirectory).toMatchObject({
        ResourceDirectoryId: h.boot.resourceDirectoryId,
      });
      for (const target of [sibling, h.boot.managementAccountId]) {
        await refusedWith(c.call('GetAccount', { AccountId: target }), 'NoPermission', 403);
        await refusedWith(c.call('GetPayerForAccount', { AccountId: target }), 'NoPermission', 403);
      }
      await refusedWith(c.call('ListAccounts', {}), 'NoPermission', 403);
      await refusedWith(c.call('ListAccountsForParent', { ParentFolderId: h.boot.rootFolderId }), 'NoPermission', 403);
      await refusedWith(
        c.call('MoveAccount', { AccountId: self, DestinationFolderId: h.boot.rootFolderId }),
        'NoPermission',
        403,
      );
    }
  });
});

describe('audit', () => {
  it('MoveAccount and UpdateAccount are found by LookupEvents', async () => {
    const a = await member('audited member');
    await core.call('MoveAccount', { AccountId: a, DestinationFolderId: await folder('audit-dest') });
    await core.call('UpdateAccount', { AccountId: a, NewDisplayName: 'audited member 2' });
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string; requestParameters: Record<string, string> }>;
    };
    const ok = ev.Events.filter((e) => e.errorCode === undefined && e.requestParameters.AccountId === a);
    expect(ok.map((e) => e.eventName)).toEqual(expect.arrayContaining(['MoveAccount', 'UpdateAccount']));
  });
});
