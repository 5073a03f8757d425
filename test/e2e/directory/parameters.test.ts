/**
 * Parameters the official API defines: DryRun checks and answers without writing; PayerAccountId
 * and ResellAccountType (which resdir does not model) are refused by name and change nothing; Tag
 * on CreateResourceAccount tags the new member; IncludeTags is accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels as RM } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';

let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const memberCount = async () => (await core.call('ListAccounts', {})).TotalCount as number;

describe('DryRun', () => {
  it('CreateResourceAccount DryRun=true checks as a creation would and writes nothing', async () => {
    const before = await memberCount();
    await refusedWith(
      core.call('CreateResourceAccount', { DisplayName: 'dry one', DryRun: 'true' }),
      'DryRunOperation',
      400,
    );
    expect(await memberCount()).toBe(before);
    await refusedWith(
      core.call('CreateResourceAccount', { DisplayName: 'dry one', DryRun: 'true', ParentFolderId: 'fd-0000000000' }),
      'EntityNotExists.Folder',
      404,
    );
    await core.call('CreateResourceAccount', { DisplayName: 'dry one' });
    await refusedWith(
      core.call('CreateResourceAccount', { DisplayName: 'dry one', DryRun: 'true' }),
      'InvalidParameter.Account.DisplayName.AlreadyUsed',
      409,
    );
    expect(await memberCount()).toBe(before + 1);
    await core.call('CreateResourceAccount', { DisplayName: 'dry two', DryRun: 'false' });
    expect(await memberCount()).toBe(before + 2);
    await refusedWith(
      core.call('CreateResourceAccount', { DisplayName: 'dry x', DryRun: 'yes' }),
      'InvalidParameter.DryRun',
      400,
    );
  });

  it('UpdateAccount DryRun=true leaves the member unchanged', async () => {
    const id = h.boot.member.accountId;
    const name = ((await core.call('GetAccount', { AccountId: id })).Account as Record<string, string>).DisplayName;
    await refusedWith(
      core.call('UpdateAccount', { AccountId: id, NewDisplayName: 'dry rename', DryRun: 'true' }),
      'DryRunOperation',
      400,
    );
    expect(((await core.call('GetAccount', { AccountId: id })).Account as Record<string, string>).DisplayName).toBe(
      name,
    );
  });
});

describe('official parameters resdir does not model are refused by name', () => {
  it('PayerAccountId and ResellAccountType on CreateResourceAccount; Tag tags the member (2020 SDK)', async () => {
    const before = await memberCount();
    const sdk = productClient(h.host, h.boot.admin);
    const made = await sdk.createResourceAccount(
      new RM.CreateResourceAccountRequest({
        displayName: 'tagged',
        tag: [new RM.CreateResourceAccountRequestTag({ key: 'k', value: 'v' })],
      }),
    );
    const got = await core.call('GetAccount', { AccountId: made.body.account.accountId, IncludeTags: 'true' });
    expect((got.Account as Record<string, unknown>).Tags).toEqual([{ Key: 'k', Value: 'v' }]);
    for (const [p, v] of [
      ['PayerAccountId', '1000000000000001'],
      ['ResellAccountType', 'non_resell'],
    ] as const) {
      const r = await refusedWith(
        core.call('CreateResourceAccount', { DisplayName: 'payer', [p]: v }),
        'UnsupportedParameter',
        400,
      );
      expect(r.data.Message).toContain(`"${p}"`);
    }
    expect(await memberCount()).toBe(before + 1);
  });

  it('IncludeTags on untagged members gives empty tags', async () => {
    const r = await core.call('ListAccounts', { IncludeTags: 'true', QueryKeyword: h.boot.member.accountId });
    const first = ((r.Accounts as Record<string, unknown>).Account as Array<Record<string, unknown>>)[0]!;
    expect(first.Tags).toEqual({ Tag: [] });
    const got = await core.call('GetAccount', { AccountId: h.boot.member.accountId, IncludeTags: 'true' });
    expect((got.Account as Record<string, unknown>).Tags).toEqual([]);
  });

  it('parameters outside the official API are still ignored', async () => {
    expect((await core.call('ListAccounts', { SomethingElse: 'x' })).TotalCount).toBeGreaterThan(0);
  });
});
