/**
 * A delegated administrator reads its directory's structure and members through the official
 * clients, with the management account's answers: its root identity, its RAM users as their own
 * policies allow. Every write stays the management account's; a plain member, a deregistered or
 * departed administrator, and an administrator of another directory are refused (or answered) as
 * before. (Hostile input, races and control policies: delegated-reads-bounds.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productClient, ramClient, ramModels as RAM, rmModels as RM, type Creds } from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { ALL_OPERATIONS } from '../../../src/operations/registry.js';
import {
  DELEGATED_SERVICE as SP,
  type DelegatedWorld,
  type Json,
  outcome,
  startDelegatedWorld,
} from '../../support/delegated-world.js';

let w: DelegatedWorld;
let h: DelegatedWorld['h'];
let folder: string;
let sibling: string;
let delegate: string;
let plain: string;
let delegateRoot: Creds;
let reader: Creds;
let bare: Creds;
let plainRoot: Creds;
const as = (c: Creds) => w.as(c);
const admin = (action: string, params: Record<string, string> = {}) => w.admin(action, params);
const reads = () => w.reads();

beforeAll(async () => {
  w = await startDelegatedWorld();
  ({ h, folder, sibling, delegate, plain, delegateRoot, reader, bare, plainRoot } = w);
});
afterAll(() => h.close());

describe('a delegated administrator reads its directory', () => {
  it('its root identity and a read-only RAM user get the management account answers', async () => {
    for (const [action, params] of reads()) {
      const expected = await outcome(admin(action, params));
      expect(expected.code, action).not.toBe('NoPermission');
      expect(await outcome(as(delegateRoot)(action, params)), action).toEqual(expected);
      // ListAuthorized* are judged on the caller's own policies; Precheck… is outside Get*/List*.
      if (action.startsWith('ListAuthorized') || action.startsWith('Precheck')) continue;
      expect(await outcome(as(reader)(action, params)), action).toEqual(expected);
    }
  });

  it('the list above is every read-only operation a delegated administrator is admitted to', () => {
    const admitted = ALL_OPERATIONS.filter(
      (op) => op.readOnly && (op.callerRule === 'management-account' || op.callerRule === 'management-or-self'),
    ).map((op) => op.action);
    expect([...new Set(reads().map(([action]) => action))].sort()).toEqual([...new Set(admitted)].sort());
  });

  it('through the 2020-03-31 product SDK', async () => {
    const sdk = productClient(h.host, reader);
    const mine = (await sdk.listAccounts(new RM.ListAccountsRequest({ pageSize: 100 }))).body;
    const theirs = (
      await productClient(h.host, h.boot.admin).listAccounts(new RM.ListAccountsRequest({ pageSize: 100 }))
    ).body;
    expect(mine.accounts).toEqual(theirs.accounts);
    expect(mine.totalCount).toBeGreaterThanOrEqual(4);
    const f = (await sdk.getFolder(new RM.GetFolderRequest({ folderId: folder }))).body.folder;
    expect(f).toMatchObject({ folderId: folder, folderName: 'reads', parentFolderId: h.boot.rootFolderId });
    const a = (await sdk.getAccount(new RM.GetAccountRequest({ accountId: sibling }))).body.account;
    expect(a).toMatchObject({ accountId: sibling, displayName: 'sibling', folderId: folder });
  });

  it('a RAM user without a policy gets NoPermission', async () => {
    for (const [action, params] of reads()) {
      await refusedWith(as(bare)(action, params), 'NoPermission', 403);
    }
  });

  it('its RAM policies name its own account in the ARNs, with the directory paths', async () => {
    const other = ((await admin('CreateFolder', { FolderName: 'elsewhere' })).Folder as Json).FolderId as string;
    const ram = ramClient(h.host, delegateRoot);
    const path = `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${folder}`;
    await ram.createPolicy(
      new RAM.CreatePolicyRequest({
        policyName: 'OneFolder',
        policyDocument: JSON.stringify({
          Version: '1',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'resourcemanager:GetFolder',
              Resource: `acs:resourcemanager::${delegate}:folder/${path}`,
            },
            {
              Effect: 'Allow',
              Action: 'resourcemanager:GetAccount',
              Resource: `acs:resourcemanager::${delegate}:account/${path}/*`,
            },
          ],
        }),
      }),
    );
    const scoped = await addRamUser(h, { accountId: delegate });
    await ram.attachPolicyToUser(
      new RAM.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'OneFolder', userName: scoped.userName }),
    );
    await as(scoped)('GetFolder', { FolderId: folder });
    await as(scoped)('GetAccount', { AccountId: sibling });
    await refusedWith(as(scoped)('GetFolder', { FolderId: other }), 'NoPermission', 403);
    await refusedWith(as(scoped)('GetAccount', { AccountId: plain }), 'NoPermission', 403);
  });
});

describe('what stays refused', () => {
  it('every write is the management account’s, exactly as before', async () => {
    const writes: [string, Record<string, string>][] = [
      ['CreateFolder', { FolderName: 'nope' }],
      ['UpdateFolder', { FolderId: folder, NewFolderName: 'nope' }],
      ['DeleteFolder', { FolderId: folder }],
      ['MoveAccount', { AccountId: sibling, DestinationFolderId: h.boot.rootFolderId }],
      ['TagResources', { ResourceType: 'Account', 'ResourceId.1': sibling, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }],
      ['RegisterDelegatedAdministrator', { AccountId: plain, ServicePrincipal: 'cms.aliyuncs.com' }],
      ['DeregisterDelegatedAdministrator', { AccountId: delegate, ServicePrincipal: SP }],
    ];
    for (const [action, params] of writes) {
      for (const c of [delegateRoot, reader]) {
        const e = await refusedWith(as(c)(action, params), 'NoPermission', 403);
        expect(e.message).toContain('can only be called by the management account of the resource directory;');
      }
    }
    expect(((await admin('GetFolder', { FolderId: folder })).Folder as Json).FolderName).toBe('reads');
    expect(((await admin('GetAccount', { AccountId: sibling })).Account as Json).FolderId).toBe(folder);
  });

  it('a plain member is refused the reads, and still reads its own account', async () => {
    for (const [action, params] of reads()) {
      if (action === 'GetAccount' && params.AccountId === plain) continue;
      const e = await refusedWith(as(plainRoot)(action, params), 'NoPermission', 403);
      expect(e.message).toContain('or a delegated administrator');
    }
    expect(((await as(plainRoot)('GetAccount', { AccountId: plain })).Account as Json).AccountId).toBe(plain);
  });

  it('deregistering removes the right on the very next request', async () => {
    const m = await addResourceAccountMember(h);
    const root = await addAccessKey(h, m, null);
    await admin('RegisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cloudfw.aliyuncs.com' });
    await admin('RegisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cms.aliyuncs.com' });
    await as(root)('ListAccounts');
    await admin('DeregisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cloudfw.aliyuncs.com' });
    await as(root)('ListAccounts'); // still an administrator of another service
    await admin('DeregisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cms.aliyuncs.com' });
    await refusedWith(as(root)('ListAccounts'), 'NoPermission', 403);
    await refusedWith(as(root)('GetFolder', { FolderId: folder }), 'NoPermission', 403);
  });

  it('leaving the directory removes the right on the very next request', async () => {
    const m = await addResourceAccountMember(h);
    const root = await addAccessKey(h, m, null);
    await admin('RegisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'hbr.aliyuncs.com' });
    await as(root)('ListFoldersForParent');
    expect(await h.app.store.lifecycle.removeMember(m, h.boot.resourceDirectoryId)).toBe(true);
    await refusedWith(as(root)('ListFoldersForParent'), 'ResourceDirectoryNotInUse', 404);
  });

  it('an administrator of another directory reads only its own', async () => {
    const other = await addAccountWithDirectory(h);
    await as(other.admin)('RegisterDelegatedAdministrator', { AccountId: other.memberAccountId, ServicePrincipal: SP });
    const theirs = as(await addAccessKey(h, other.memberAccountId, null));
    const listed = ((await theirs('ListAccounts')).Accounts as Json).Account as Json[];
    expect(listed.map((a) => a.AccountId).sort()).toEqual([other.managementAccountId, other.memberAccountId].sort());
    const admins = ((await theirs('ListDelegatedAdministrators')).Accounts as Json).Account as Json[];
    expect(admins.map((a) => a.AccountId)).toEqual([other.memberAccountId]);
    await refusedWith(
      theirs('GetAccount', { AccountId: sibling }),
      'NotSupport.AccountInAnotherResourceDirectory',
      409,
    );
    const theirAdmin = as(other.admin);
    const code = (await refusedWith(theirAdmin('GetFolder', { FolderId: folder }), 'EntityNotExists.Folder')).code;
    await refusedWith(theirs('GetFolder', { FolderId: folder }), code, 404);
    await refusedWith(theirs('ListAccountsForParent', { ParentFolderId: folder }), 'EntityNotExists.Folder', 404);
    // And our administrator does not read theirs.
    await refusedWith(
      as(delegateRoot)('GetAccount', { AccountId: other.memberAccountId }),
      'NotSupport.AccountInAnotherResourceDirectory',
      409,
    );
  });
});
