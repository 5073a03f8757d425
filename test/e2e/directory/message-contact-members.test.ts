/**
 * AssociateMembers and DisassociateMembers (2022-04-19) through the generic official client: an
 * Active contact bound to the directory, folders and members; Members[] and the Member filter of
 * ListMessageContacts follow; duplicates, idempotency, unknown IDs, the limit, permissions,
 * hostile input, concurrency, the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { auditedNames } from '../../support/audited.js';
import { coreClient } from '../../support/clients.js';
import { addAccountWithDirectory, addRamUser } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { ManualClock } from '../../../src/lib/clock.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
let folder: string;
const clock = new ManualClock(Date.now());
beforeAll(async () => {
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
  core = coreClient(h.host, h.boot.admin);
  folder = ((await core.call('CreateFolder', { FolderName: 'contacts' })).Folder as Json).FolderId as string;
});
afterAll(() => h.close());

let n = 0;
/** A contact; Active unless `verifying` (its verification is seeded in the store). */
const add = async (verifying = false) => {
  clock.advance(1000);
  const r = await core.call('AddMessageContact', {
    Name: `m${++n}`,
    EmailAddress: `m${n}@example.com`,
    PhoneNumber: '86-13900001234',
    Title: 'Other',
    'MessageTypes.1': 'AccountExpenses',
  });
  const id = (r.Contact as Json).ContactId as string;
  if (!verifying)
    await h.app.store.messageContacts.update(id, clock.now(), {
      status: 'Active',
      email_verified: 1,
      phone_verified: 1,
    });
  return id;
};
const members = (ids: string[]) => Object.fromEntries(ids.map((id, i) => [`Members.${i + 1}`, id]));
const associate = (ContactId: string, ids: string[], c = core) =>
  c.call('AssociateMembers', { ContactId, ...members(ids) });
const disassociate = (ContactId: string, ids: string[], c = core) =>
  c.call('DisassociateMembers', { ContactId, ...members(ids) });
const get = async (ContactId: string) => (await core.call('GetMessageContact', { ContactId })).Contact as Json;
const withMember = async (Member: string) =>
  ((await core.call('ListMessageContacts', { Member, PageSize: '100' })).Contacts as Json[]).map((c) => c.ContactId);
const date = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

describe('associate and disassociate', () => {
  it('binds the directory, a folder and a member; Members[] and the Member filter follow', async () => {
    const id = await add();
    const at = clock.now();
    const ids = [h.boot.resourceDirectoryId, folder, h.boot.member.accountId];
    const r = await associate(id, ids);
    expect(r.Members).toEqual(ids.map((MemberId) => ({ ContactId: id, MemberId, ModifyDate: date(at) })));
    // Oldest binding first, then by ID.
    expect((await get(id)).Members).toEqual([...ids].sort());
    for (const m of ids) expect(await withMember(m)).toContain(id);
    // Again, with a repeated ID: nothing changes, each binding keeps its date.
    clock.advance(5000);
    const again = await associate(id, [folder, folder, h.boot.rootFolderId]);
    expect(again.Members).toEqual([
      { ContactId: id, MemberId: folder, ModifyDate: date(at) },
      { ContactId: id, MemberId: h.boot.rootFolderId, ModifyDate: date(clock.now()) },
    ]);
    expect((await get(id)).Members).toEqual([...[...ids].sort(), h.boot.rootFolderId]);
    const off = await disassociate(id, [folder, h.boot.resourceDirectoryId, folder]);
    expect(off.Members).toEqual([
      { ContactId: id, MemberId: folder, ModifyDate: date(clock.now()) },
      { ContactId: id, MemberId: h.boot.resourceDirectoryId, ModifyDate: date(clock.now()) },
    ]);
    expect((await get(id)).Members).toEqual([h.boot.member.accountId, h.boot.rootFolderId]);
    expect(await withMember(folder)).not.toContain(id);
    // Unbinding what is not bound (but exists) changes nothing.
    await disassociate(id, [folder]);
    await disassociate(id, [h.boot.member.accountId, h.boot.rootFolderId]);
    expect((await get(id)).Members).toEqual([]);
    await core.call('DeleteMessageContact', { ContactId: id });
  });
});

describe('errors', () => {
  it('only an Active contact can be associated', async () => {
    const id = await add(true);
    await refusedWith(associate(id, [folder]), 'InvalidStatus.MessageContact.NotActive', 409);
    const gone = await add();
    await core.call('DeleteMessageContact', { ContactId: gone });
    await refusedWith(associate(gone, [folder]), 'InvalidStatus.MessageContact', 409);
  });

  it('unknown IDs, other directories, a missing or malformed Members, unknown contacts', async () => {
    const id = await add();
    const other = await addAccountWithDirectory(h);
    for (const call of [associate, disassociate]) {
      await refusedWith(call(id, ['rd-nothere00']), 'EntityNotExists.ResourceDirectory', 404);
      await refusedWith(call(id, [other.resourceDirectoryId]), 'EntityNotExists.ResourceDirectory', 404);
      await refusedWith(call(id, ['fd-nothere00']), 'EntityNotExists.Folder', 404);
      await refusedWith(call(id, [other.rootFolderId]), 'EntityNotExists.Folder', 404);
      await refusedWith(call(id, ['1999999999999999']), 'EntityNotExists.Account', 404);
      await refusedWith(call(id, [other.managementAccountId]), 'EntityNotExists.Account', 404);
      await refusedWith(call(id, []), 'MissingParameter.Members', 400);
      await refusedWith(call(id, ['someone']), 'InvalidParameter.Members', 400);
      await refusedWith(
        call(
          id,
          Array.from({ length: 21 }, () => folder),
        ),
        'InvalidParameter.Members',
        400,
      );
      await refusedWith(call('c-nothere00000000', [folder]), 'EntityNotExists.MessageContact', 404);
      await refusedWith(call('bad', [folder]), 'InvalidParameter.ContactId', 400);
    }
    // An unknown ID in a list binds nothing at all.
    await refusedWith(associate(id, [folder, 'fd-nothere00']), 'EntityNotExists.Folder');
    expect((await get(id)).Members).toEqual([]);
  });

  it('at most 100 bindings per contact', async () => {
    const id = await add();
    const folders: string[] = [];
    for (let i = 0; i < 100; i++)
      folders.push(((await core.call('CreateFolder', { FolderName: `lim${i}` })).Folder as Json).FolderId as string);
    for (let i = 0; i < 100; i += 20) await associate(id, folders.slice(i, i + 20));
    expect(((await get(id)).Members as string[]).length).toBe(100);
    const e = await refusedWith(associate(id, [h.boot.rootFolderId]), 'LimitExceeded.MessageContact.Member', 409);
    expect(e.data.Message).toContain('100');
    await associate(id, [folders[0]!]);
  });
});

describe('hostile input and concurrency', () => {
  it('markup, NULs, SQL and huge values are refused, never a 5xx', async () => {
    const id = await add();
    for (const v of ['<script>', "fd-1' OR '1'='1", 'fd-a\u0000b', `fd-${'a'.repeat(5000)}`, '1'.repeat(17), '']) {
      const e = await refusedWith(
        associate(id, [v]),
        v === '' ? 'MissingParameter.Members' : 'InvalidParameter.Members',
      );
      expect(e.statusCode).toBeLessThan(500);
    }
  });

  it('parallel associations of one contact bind each object once', async () => {
    const id = await add();
    const ids = [folder, h.boot.rootFolderId, h.boot.member.accountId, h.boot.resourceDirectoryId];
    await Promise.all(Array.from({ length: 8 }, (_, i) => associate(id, [ids[i % 4]!, ids[(i + 1) % 4]!])));
    expect(new Set((await get(id)).Members as string[])).toEqual(new Set(ids));
    expect(((await get(id)).Members as string[]).length).toBe(4);
  });
});

describe('permission and audit', () => {
  it('read-only access may not associate; a member account may do nothing', async () => {
    const id = await add();
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    for (const action of ['AssociateMembers', 'DisassociateMembers']) {
      const e = await refusedWith(ro.call(action, { ContactId: id, 'Members.1': folder }), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
  });

  it('every change is found by LookupEvents', async () => {
    const id = await add();
    await associate(id, [folder]);
    await disassociate(id, [folder]);
    const names = ['AssociateMembers', 'DisassociateMembers'];
    expect(await auditedNames(h.host, h.boot.root, names)).toEqual(names);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
