/**
 * ListAuthorizedAccounts and ListAuthorizedFolders (2022-04-19) through the generic client: what a
 * RAM identity of the management account may read per its policies (GetAccount on a member's ARN,
 * GetFolder on a folder's), paging, errors, permissions, hostile input, the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient } from '../../support/clients.js';
import { addAccessKey, addRamUser, addResourceAccountMember, addStandaloneAccount } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';

type Json = Record<string, unknown>;
let h: Harness;
let root: ReturnType<typeof coreClient>;
let rd: string;
let r: string;
const ids = { a: '', a1: '', b: '', mA: '', mA1: '', mB: '' };

const folderId = async (FolderName: string, ParentFolderId?: string) =>
  ((await root.call('CreateFolder', { FolderName, ...(ParentFolderId ? { ParentFolderId } : {}) })).Folder as Json)
    .FolderId as string;
const memberIn = async (folder: string) => {
  const m = await addResourceAccountMember(h);
  await root.call('MoveAccount', { AccountId: m, DestinationFolderId: folder });
  return m;
};
const folders = async (c: ReturnType<typeof coreClient>, q: Record<string, string> = {}) =>
  (await c.call('ListAuthorizedFolders', q)) as { TotalCount: number; Folders: { Folder: Json[] } } & Json;
const accounts = async (c: ReturnType<typeof coreClient>, q: Record<string, string> = {}) =>
  (await c.call('ListAuthorizedAccounts', q)) as { TotalCount: number; Accounts: { Account: Json[] } } & Json;

/** A RAM user of the management account whose only policy is `statements`. */
async function userWith(name: string, statements: Json[]) {
  await root.call(
    'CreatePolicy',
    { PolicyName: name, PolicyDocument: JSON.stringify({ Version: '1', Statement: statements }) },
    '2015-05-01',
  );
  const key = await addRamUser(h, { name });
  await root.call('AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: name, UserName: name }, '2015-05-01');
  return coreClient(h.host, key);
}

beforeAll(async () => {
  h = await startResdir();
  root = coreClient(h.host, h.boot.root);
  rd = h.boot.resourceDirectoryId;
  r = h.boot.rootFolderId;
  ids.a = await folderId('team-a');
  ids.a1 = await folderId('team-a-one', ids.a);
  ids.b = await folderId('team-b');
  ids.mA = await memberIn(ids.a);
  ids.mA1 = await memberIn(ids.a1);
  ids.mB = await memberIn(ids.b);
});
afterAll(() => h.close());

describe('what the caller may read', () => {
  it('the root identity reads every folder and member, with the fields of the SDK models', async () => {
    const f = await folders(root, { PageSize: '100' });
    expect(f).toMatchObject({ PageNumber: 1, PageSize: 100, TotalCount: 4 });
    expect(f.Folders.Folder[0]).toEqual({
      FolderId: r,
      FolderName: expect.any(String),
      ResourceDirectoryPath: `${rd}/${r}`,
    });
    expect(f.Folders.Folder).toContainEqual({
      FolderId: ids.a1,
      FolderName: 'team-a-one',
      ResourceDirectoryPath: `${rd}/${r}/${ids.a}/${ids.a1}`,
    });
    const a = await accounts(root, { PageSize: '100' });
    const listed = (await root.call('ListAccounts', { PageSize: '100' })) as { TotalCount: number };
    expect(a.TotalCount).toBe(listed.TotalCount);
    const one = a.Accounts.Account.find((x) => x.AccountId === ids.mA1)!;
    expect(Object.keys(one).sort()).toEqual(
      [
        'AccountId',
        'AccountName',
        'DisplayName',
        'FolderId',
        'JoinMethod',
        'JoinTime',
        'ModifyTime',
        'ResourceDirectoryId',
        'ResourceDirectoryPath',
        'Status',
        'Type',
      ].sort(),
    );
    expect(one).toMatchObject({ FolderId: ids.a1, ResourceDirectoryPath: `${rd}/${r}/${ids.a}/${ids.a1}/${ids.mA1}` });
  });

  it('a RAM user sees exactly what its policies allow GetAccount and GetFolder on; a Deny wins', async () => {
    const c = await userWith('team-a-reader', [
      { Effect: 'Allow', Action: 'resourcemanager:ListAuthorized*', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'resourcemanager:GetAccount',
        Resource: `acs:resourcemanager:*:*:account/${rd}/${r}/${ids.a}/*`,
      },
      {
        Effect: 'Allow',
        Action: 'resourcemanager:GetFolder',
        Resource: `acs:resourcemanager:*:*:folder/${rd}/${r}/${ids.a}*`,
      },
      { Effect: 'Deny', Action: 'resourcemanager:GetFolder', Resource: `acs:resourcemanager:*:*:folder/*/${ids.a1}` },
    ]);
    const f = await folders(c);
    expect(f.TotalCount).toBe(1);
    expect(f.Folders.Folder.map((x) => x.FolderId)).toEqual([ids.a]);
    const a = await accounts(c);
    expect(a.Accounts.Account.map((x) => x.AccountId).sort()).toEqual([ids.mA, ids.mA1].sort());
  });

  it('a caller allowed to list but not to read anything gets empty lists', async () => {
    const c = await userWith('list-only', [
      { Effect: 'Allow', Action: 'resourcemanager:ListAuthorized*', Resource: '*' },
    ]);
    expect(await folders(c)).toMatchObject({ TotalCount: 0, Folders: { Folder: [] } });
    expect(await accounts(c)).toMatchObject({ TotalCount: 0, Accounts: { Account: [] } });
  });
});

describe('paging', () => {
  it('pages in a stable order; a page past the end is empty', async () => {
    const all = (await folders(root, { PageSize: '100' })).Folders.Folder.map((x) => x.FolderId);
    const paged: unknown[] = [];
    for (let p = 1; p <= all.length; p++) {
      const page = await folders(root, { PageNumber: String(p), PageSize: '1' });
      expect(page).toMatchObject({ PageNumber: p, PageSize: 1, TotalCount: all.length });
      paged.push(...page.Folders.Folder.map((x) => x.FolderId));
    }
    expect(paged).toEqual(all);
    expect((await accounts(root, { PageNumber: '999' })).Accounts.Account).toEqual([]);
    expect(await accounts(root)).toMatchObject({ PageNumber: 1, PageSize: 10 });
  });

  it('bad paging parameters and hostile input get clear 400s', async () => {
    for (const action of ['ListAuthorizedAccounts', 'ListAuthorizedFolders']) {
      for (const bad of ['0', '101', '-1', 'ten', "1' OR '1'='1", '9'.repeat(400)])
        await refusedWith(root.call(action, { PageSize: bad }), 'InvalidParameter.PageSize', 400);
      for (const bad of ['0', '1.5', '<script>', '1e3'])
        await refusedWith(root.call(action, { PageNumber: bad }), 'InvalidParameter.PageNumber', 400);
      await refusedWith(root.call(action, {}, '2020-03-31'), 'InvalidAction.NotFound');
    }
  });
});

describe('permission', () => {
  it('needs the List action; a member account and an account without a directory are refused', async () => {
    const none = coreClient(h.host, await addRamUser(h, { policies: [] }));
    const member = coreClient(h.host, await addAccessKey(h, h.boot.member.accountId, null));
    const lone = coreClient(h.host, (await addStandaloneAccount(h)).root);
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    for (const action of ['ListAuthorizedAccounts', 'ListAuthorizedFolders']) {
      const e = await refusedWith(none.call(action, {}), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
      await refusedWith(member.call(action, {}), 'NoPermission', 403);
      await refusedWith(lone.call(action, {}), 'ResourceDirectoryNotInUse', 404);
    }
    expect((await folders(ro)).TotalCount).toBe(4);
  });
});

describe('audit', () => {
  it('the listings are found by LookupEvents', async () => {
    await folders(root);
    await accounts(root);
    const ev = (await root.call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = ev.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of ['ListAuthorizedAccounts', 'ListAuthorizedFolders']) expect(names).toContain(n);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
