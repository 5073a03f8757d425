/**
 * Folders through the official clients: 2020-03-31 product SDK and the generic client on
 * 2022-04-19. Success, every documented error, permission, hostile names one at a time, the
 * depth limit, uniqueness under races, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import {
  coreClient,
  productClient,
  ramClient,
  ramModels as RAM,
  rmModels as RM,
  type Creds,
} from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
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

const create = async (name: string, parent?: string, c: Creds = h.boot.admin) =>
  (
    await coreClient(h.host, c).call('CreateFolder', {
      FolderName: name,
      ...(parent ? { ParentFolderId: parent } : {}),
    })
  ).Folder as Json & { FolderId: string };

describe('folder lifecycle', () => {
  it('2020-03-31 SDK: create, get, rename, list, ancestors, delete; every model field present', async () => {
    const sdk = productClient(h.host, h.boot.admin);
    const made = await sdk.createFolder(new RM.CreateFolderRequest({ folderName: 'prod' }));
    const id = made.body.folder.folderId as string;
    expect(id).toMatch(/^fd-[A-Za-z0-9]{10}$/);
    expect(made.body.folder).toMatchObject({ folderName: 'prod', parentFolderId: h.boot.rootFolderId });
    const child = await sdk.createFolder(new RM.CreateFolderRequest({ folderName: 'web', parentFolderId: id }));
    const childId = child.body.folder.folderId as string;

    const got = await sdk.getFolder(new RM.GetFolderRequest({ folderId: childId }));
    expect(got.body.folder.resourceDirectoryPath).toBe(
      `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${id}/${childId}`,
    );
    const renamed = await sdk.updateFolder(new RM.UpdateFolderRequest({ folderId: childId, newFolderName: 'web2' }));
    expect(renamed.body.folder.folderName).toBe('web2');

    const list = await sdk.listFoldersForParent(new RM.ListFoldersForParentRequest({ parentFolderId: id }));
    expect(list.body.totalCount).toBe(1);
    expect(list.body.folders.folder.map((f: Json) => f.folderName)).toEqual(['web2']);
    const anc = await sdk.listAncestors(new RM.ListAncestorsRequest({ childId }));
    expect(anc.body.folders.folder.map((f: Json) => f.folderId)).toEqual([h.boot.rootFolderId, id]);

    await refusedWith(
      sdk.deleteFolder(new RM.DeleteFolderRequest({ folderId: id })),
      'DeleteConflict.Folder.SubFolder',
      409,
    );
    await sdk.deleteFolder(new RM.DeleteFolderRequest({ folderId: childId }));
    await sdk.deleteFolder(new RM.DeleteFolderRequest({ folderId: id }));
    await refusedWith(sdk.getFolder(new RM.GetFolderRequest({ folderId: id })), 'EntityNotExists.Folder', 404);
  });

  it('2022-04-19: every field of the SDK models is returned', async () => {
    const f = await create('fields');
    expectModelFields(f, 'CreateFolderResponseBodyFolder');
    const got = await core.call('GetFolder', { FolderId: f.FolderId });
    expectModelFields(got, 'GetFolderResponseBody');
    expectModelFields(got.Folder, 'GetFolderResponseBodyFolder');
    const upd = await core.call('UpdateFolder', { FolderId: f.FolderId, NewFolderName: 'fields2' });
    expectModelFields(upd, 'UpdateFolderResponseBody');
    expectModelFields(upd.Folder, 'UpdateFolderResponseBodyFolder');
    const list = await core.call('ListFoldersForParent', {});
    expectModelFields(list, 'ListFoldersForParentResponseBody');
    const item = ((list.Folders as Json).Folder as Json[])[0];
    expectModelFields(item, 'ListFoldersForParentResponseBodyFoldersFolder');
    const anc = await core.call('ListAncestors', { ChildId: f.FolderId });
    expectModelFields(anc, 'ListAncestorsResponseBody');
    expectModelFields(((anc.Folders as Json).Folder as Json[])[0], 'ListAncestorsResponseBodyFoldersFolder');
    expectModelFields(await core.call('DeleteFolder', { FolderId: f.FolderId }), 'DeleteFolderResponseBody');
  });

  it('ListFoldersForParent pages and filters by QueryKeyword (case-insensitive, literal % and _)', async () => {
    const p = await create('paged');
    for (const n of ['alpha', 'Beta', 'gamma_1', 'delta.x']) await create(n, p.FolderId);
    const page = await core.call('ListFoldersForParent', {
      ParentFolderId: p.FolderId,
      PageSize: '3',
      PageNumber: '2',
    });
    expect(page).toMatchObject({ TotalCount: 4, PageNumber: 2, PageSize: 3 });
    const first = await core.call('ListFoldersForParent', { ParentFolderId: p.FolderId, PageSize: '3' });
    const names = [first, page].flatMap((x) => ((x.Folders as Json).Folder as Json[]).map((f) => f.FolderName));
    expect(names.sort()).toEqual(['Beta', 'alpha', 'delta.x', 'gamma_1']);
    const q = async (k: string) =>
      (
        ((await core.call('ListFoldersForParent', { ParentFolderId: p.FolderId, QueryKeyword: k })).Folders as Json)
          .Folder as Json[]
      ).map((f) => f.FolderName);
    expect(await q('BET')).toEqual(['Beta']);
    expect(await q('_')).toEqual(['gamma_1']);
    expect(await q('.X')).toEqual(['delta.x']);
    expect(await q('%')).toEqual([]);
    expect(await q('zzz')).toEqual([]);
  });
});

describe('rules and errors', () => {
  it('at most five levels below the root folder', async () => {
    let parent: string | undefined;
    for (let level = 1; level <= 5; level++) parent = (await create(`level${level}`, parent)).FolderId;
    await refusedWith(
      core.call('CreateFolder', { FolderName: 'level6', ParentFolderId: parent! }),
      'LimitExceeded.Folder.Depth',
      409,
    );
  });

  it('names are unique under one parent (after NFC normalisation), free under another', async () => {
    const a = await create('uniq-a');
    await create('same', a.FolderId);
    await refusedWith(
      core.call('CreateFolder', { FolderName: 'same', ParentFolderId: a.FolderId }),
      'InvalidParameter.Folder.Name.AlreadyUsed',
      400,
    );
    await create('same'); // under the root folder
    await create('\u8c48', a.FolderId);
    await refusedWith(
      core.call('CreateFolder', { FolderName: '\uf900', ParentFolderId: a.FolderId }),
      'InvalidParameter.Folder.Name.AlreadyUsed',
      400,
    );
    const other = await create('other', a.FolderId);
    await refusedWith(
      core.call('UpdateFolder', { FolderId: other.FolderId, NewFolderName: 'same' }),
      'InvalidParameter.Folder.Name.AlreadyUsed',
      400,
    );
    expect(
      (await core.call('UpdateFolder', { FolderId: other.FolderId, NewFolderName: 'other' })).Folder,
    ).toMatchObject({ FolderName: 'other' });
  });

  it('hostile input, one field at a time, is refused and creates nothing', async () => {
    const before = (await core.call('ListFoldersForParent', { PageSize: '100' })).TotalCount;
    for (const bad of ['a'.repeat(25), 'a b', 'a/b', 'x\u0000', 'x\u202e', '../etc', "a'; drop"]) {
      await refusedWith(core.call('CreateFolder', { FolderName: bad }), 'InvalidParameter.Folder.Name', 400);
    }
    await refusedWith(core.call('CreateFolder', {}), 'MissingParameter.Folder.Name', 400);
    for (const bad of ['fd-', 'x-123', 'fd-abc/def', `fd-${'a'.repeat(40)}`]) {
      await refusedWith(
        core.call('CreateFolder', { FolderName: 'ok', ParentFolderId: bad }),
        'InvalidParameter.ParentFolderId',
        400,
      );
      await refusedWith(core.call('GetFolder', { FolderId: bad }), 'InvalidParameter.FolderId', 400);
      await refusedWith(core.call('DeleteFolder', { FolderId: bad }), 'InvalidParameter.FolderId', 400);
      await refusedWith(core.call('ListAncestors', { ChildId: bad }), 'InvalidParameter.ChildId', 400);
    }
    await refusedWith(core.call('GetFolder', {}), 'MissingParameter.FolderId', 400);
    await refusedWith(core.call('ListAncestors', {}), 'MissingParameter.ChildId', 400);
    await refusedWith(
      core.call('ListFoldersForParent', { QueryKeyword: 'a\u0000' }),
      'InvalidParameter.QueryKeyword',
      400,
    );
    await refusedWith(core.call('ListFoldersForParent', { PageSize: '101' }), 'InvalidParameter.PageSize', 400);
    expect((await core.call('ListFoldersForParent', { PageSize: '100' })).TotalCount).toBe(before);
  });

  it('unknown folders, folders of another directory and the root folder are refused', async () => {
    const other = await addAccountWithDirectory(h);
    const theirs = (await create('theirs', undefined, other.admin)).FolderId;
    await refusedWith(core.call('GetFolder', { FolderId: theirs }), 'EntityNotExists.Folder', 404);
    await refusedWith(
      core.call('CreateFolder', { FolderName: 'x', ParentFolderId: theirs }),
      'EntityNotExists.Folder',
      404,
    );
    await refusedWith(core.call('DeleteFolder', { FolderId: 'fd-0000000000' }), 'EntityNotExists.Folder', 404);
    await refusedWith(
      core.call('UpdateFolder', { FolderId: theirs, NewFolderName: 'mine' }),
      'EntityNotExists.Folder',
      404,
    );
    await refusedWith(core.call('ListAncestors', { ChildId: theirs }), 'EntityNotExists.Folder', 404);
    await refusedWith(core.call('ListFoldersForParent', { ParentFolderId: theirs }), 'EntityNotExists.Folder', 404);
    await refusedWith(core.call('DeleteFolder', { FolderId: h.boot.rootFolderId }), 'InvalidParameter.FolderId', 400);
    await refusedWith(
      core.call('UpdateFolder', { FolderId: h.boot.rootFolderId, NewFolderName: 'x' }),
      'InvalidParameter.FolderId',
      400,
    );
    expect((await coreClient(h.host, other.admin).call('GetFolder', { FolderId: theirs })).Folder).toMatchObject({
      FolderName: 'theirs',
    });
  });

  it('a folder holding a member cannot be deleted', async () => {
    const f = await create('holds-member');
    const m = await addResourceAccountMember(h, {
      resourceDirectoryId: h.boot.resourceDirectoryId,
      rootFolderId: f.FolderId,
    });
    await refusedWith(core.call('DeleteFolder', { FolderId: f.FolderId }), 'DeleteConflict.Folder.Account', 409);
    expect(m).toMatch(/^\d{16}$/);
  });
});

describe('permission', () => {
  it('RAM actions: read-only access may read folders but not change them', async () => {
    const ro = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    const f = await create('perm');
    const c = coreClient(h.host, ro);
    expect((await c.call('GetFolder', { FolderId: f.FolderId })).Folder).toMatchObject({ FolderName: 'perm' });
    await c.call('ListFoldersForParent', {});
    await c.call('ListAncestors', { ChildId: f.FolderId });
    for (const [action, q] of [
      ['CreateFolder', { FolderName: 'nope' }],
      ['UpdateFolder', { FolderId: f.FolderId, NewFolderName: 'nope' }],
      ['DeleteFolder', { FolderId: f.FolderId }],
    ] as const) {
      const e = await refusedWith(c.call(action, q), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
    const none = coreClient(h.host, await addRamUser(h));
    await refusedWith(none.call('GetFolder', { FolderId: f.FolderId }), 'NoPermission', 403);
  });

  it('the resource is the folder ARN with its ResourceDirectoryPath', async () => {
    const allowed = await create('arn-allowed');
    const denied = await create('arn-denied');
    const path = (id: string) => `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${id}`;
    const doc = {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['resourcemanager:GetFolder', 'resourcemanager:UpdateFolder'],
          Resource: `acs:resourcemanager:*:${h.boot.managementAccountId}:folder/${path(allowed.FolderId)}`,
        },
      ],
    };
    const root = ramClient(h.host, h.boot.root);
    await root.createPolicy(
      new RAM.CreatePolicyRequest({ policyName: 'OneFolder', policyDocument: JSON.stringify(doc) }),
    );
    const u = await addRamUser(h, { name: 'one-folder' });
    await root.attachPolicyToUser(
      new RAM.AttachPolicyToUserRequest({ userName: 'one-folder', policyType: 'Custom', policyName: 'OneFolder' }),
    );
    const c = coreClient(h.host, u);
    expect((await c.call('GetFolder', { FolderId: allowed.FolderId })).Folder).toMatchObject({
      FolderName: 'arn-allowed',
    });
    await c.call('UpdateFolder', { FolderId: allowed.FolderId, NewFolderName: 'arn-allowed2' });
    const e = await refusedWith(
      c.call('UpdateFolder', { FolderId: denied.FolderId, NewFolderName: 'x' }),
      'NoPermission',
      403,
    );
    expect(e.data.Message).toContain(
      `acs:resourcemanager::${h.boot.managementAccountId}:folder/${path(denied.FolderId)}`,
    );
  });

  it('a member account (root or RAM admin) cannot read or change the folders', async () => {
    const member = h.boot.member.accountId;
    const memberRoot = await addAccessKey(h, member, null);
    const memberAdmin = await addRamUser(h, { accountId: member, policies: ['AliyunResourceDirectoryFullAccess'] });
    for (const creds of [memberRoot, memberAdmin]) {
      const c = coreClient(h.host, creds);
      await refusedWith(c.call('ListFoldersForParent', {}), 'NoPermission', 403);
      await refusedWith(c.call('GetFolder', { FolderId: h.boot.rootFolderId }), 'NoPermission', 403);
      await refusedWith(c.call('CreateFolder', { FolderName: 'member-made' }), 'NoPermission', 403);
    }
  });
});

describe('concurrency', () => {
  it('racing creations of one name under one parent: exactly one wins', async () => {
    const p = await create('race-parent');
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => core.call('CreateFolder', { FolderName: 'dup', ParentFolderId: p.FolderId })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('InvalidParameter.Folder.Name.AlreadyUsed');
    expect((await core.call('ListFoldersForParent', { ParentFolderId: p.FolderId })).TotalCount).toBe(1);
  });

  it('creation racing the depth limit and the deletion of its parent: one consistent outcome', async () => {
    let deep: string | undefined;
    for (let level = 1; level <= 5; level++) deep = (await create(`race-l${level}`, deep)).FolderId;
    const atLimit = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) =>
        core.call('CreateFolder', { FolderName: `too-deep${i}`, ParentFolderId: deep! }),
      ),
    );
    expect(
      atLimit.every(
        (r) => r.status === 'rejected' && (r.reason as { code: string }).code === 'LimitExceeded.Folder.Depth',
      ),
    ).toBe(true);

    for (let round = 0; round < 4; round++) {
      const parent = await create(`doomed${round}`);
      const [made, removed] = await Promise.allSettled([
        core.call('CreateFolder', { FolderName: 'child', ParentFolderId: parent.FolderId }),
        core.call('DeleteFolder', { FolderId: parent.FolderId }),
      ]);
      if (made.status === 'fulfilled') {
        expect(removed.status).toBe('rejected');
        expect((removed as PromiseRejectedResult).reason.code).toBe('DeleteConflict.Folder.SubFolder');
        const child = (made.value.Folder as Json).FolderId as string;
        expect((await core.call('ListAncestors', { ChildId: child })).Folders).toBeDefined();
      } else {
        expect(removed.status).toBe('fulfilled');
        expect(made.reason.code).toBe('EntityNotExists.Folder');
        await refusedWith(core.call('GetFolder', { FolderId: parent.FolderId }), 'EntityNotExists.Folder', 404);
      }
    }
  });
});

describe('audit', () => {
  it('every folder mutation is found by LookupEvents', async () => {
    const f = await create('audited');
    await core.call('UpdateFolder', { FolderId: f.FolderId, NewFolderName: 'audited2' });
    await core.call('DeleteFolder', { FolderId: f.FolderId });
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = ev.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of ['CreateFolder', 'UpdateFolder', 'DeleteFolder']) expect(names).toContain(n);
  });
});
