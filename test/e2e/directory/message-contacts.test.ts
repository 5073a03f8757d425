/**
 * Message contacts (2022-04-19) through the generic official client: add, get, list with token
 * paging and filters, update (a new e-mail or phone is verified again), deletion with its status
 * (refused while bound to members);
 * every documented error; permissions; hostile input; concurrency; the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { auditedNames } from '../../support/audited.js';
import { coreClient } from '../../support/clients.js';
import { addAccessKey, addAccountWithDirectory, addRamUser, addStandaloneAccount } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { ManualClock } from '../../../src/lib/clock.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
const clock = new ManualClock(Date.now());
beforeAll(async () => {
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600, messageContactDeletionSeconds: 60 } });
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const contact = (over: Record<string, string> = {}) => ({
  Name: 'Ops Lead',
  EmailAddress: 'ops@example.com',
  PhoneNumber: '86-13900001234',
  Title: 'TechnicalDirector',
  'MessageTypes.1': 'AccountExpenses',
  'MessageTypes.2': 'SecurityNotice',
  ...over,
});
/** Adds a contact one millisecond after the previous one (the clock stands still otherwise). */
const add = async (over: Record<string, string> = {}, c = core) => {
  clock.advance(1);
  return ((await c.call('AddMessageContact', contact(over))).Contact as Json).ContactId as string;
};
const get = async (ContactId: string) => (await core.call('GetMessageContact', { ContactId })).Contact as Json;
const listAll = async (q: Record<string, string> = {}) =>
  ((await core.call('ListMessageContacts', { PageSize: '100', ...q })).Contacts as Json[]).map((c) => c.ContactId);

describe('add, get, list, update', () => {
  it('adds a Verifying contact and reads it back', async () => {
    const r = await core.call('AddMessageContact', contact());
    const c = r.Contact as Json;
    expect(r.RequestId).toBeTypeOf('string');
    expect(c.ContactId).toMatch(/^c-[A-Za-z0-9]{16}$/);
    expect(c.CreateDate).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(await get(c.ContactId as string)).toEqual({
      ContactId: c.ContactId,
      Name: 'Ops Lead',
      EmailAddress: 'ops@example.com',
      PhoneNumber: '86-13900001234',
      Title: 'TechnicalDirector',
      MessageTypes: ['AccountExpenses', 'SecurityNotice'],
      Members: [],
      Status: 'Verifying',
      CreateDate: c.CreateDate,
    });
  });

  it('lists by PageNumber and PageSize, and filters by ContactId and Member', async () => {
    const ids = [await add({ Name: 'p1' }), await add({ Name: 'p2' }), await add({ Name: 'p3' })];
    const all = await listAll();
    expect(all.slice(-3)).toEqual(ids);
    const seen: unknown[] = [];
    for (let PageNumber = 1; seen.length < all.length; PageNumber++) {
      const page = await core.call('ListMessageContacts', { PageSize: '2', PageNumber: String(PageNumber) });
      expect(page).toMatchObject({ TotalCount: all.length, PageNumber, PageSize: 2 });
      const ids = (page.Contacts as Json[]).map((c) => c.ContactId);
      expect(ids.length).toBeGreaterThan(0);
      seen.push(...ids);
    }
    expect(seen).toEqual(all);
    expect(await listAll({ ContactId: ids[1]! })).toEqual([ids[1]]);
    expect(await listAll({ Member: h.boot.member.accountId })).toEqual([]);
  });

  it('updates fields; a changed e-mail keeps it Verifying; unchanged fields stay', async () => {
    const id = await add();
    await core.call('UpdateMessageContact', { ContactId: id, Name: 'New Name', Title: 'CEO', 'MessageTypes.1': 'X' });
    expect(await get(id)).toMatchObject({ Name: 'New Name', Title: 'CEO', MessageTypes: ['X'], Status: 'Verifying' });
    await core.call('UpdateMessageContact', { ContactId: id, EmailAddress: 'new@example.org' });
    expect(await get(id)).toMatchObject({ Name: 'New Name', EmailAddress: 'new@example.org' });
  });
});

describe('deletion', () => {
  it('Deleting, then gone after the configured delay; the status reports Success', async () => {
    const id = await add();
    await core.call('DeleteMessageContact', { ContactId: id });
    const s = await core.call('GetMessageContactDeletionStatus', { ContactId: id });
    expect(s.ContactDeletionStatus).toMatchObject({ ContactId: id, Status: 'Deleting' });
    expect(await get(id)).toMatchObject({ Status: 'Deleting' });
    await refusedWith(core.call('UpdateMessageContact', { ContactId: id, Name: 'x' }), 'InvalidStatus.MessageContact');
    await core.call('DeleteMessageContact', { ContactId: id });
    clock.advance(61_000);
    const done = await core.call('GetMessageContactDeletionStatus', { ContactId: id });
    expect(done.ContactDeletionStatus).toMatchObject({ ContactId: id, Status: 'Success' });
    await refusedWith(core.call('GetMessageContact', { ContactId: id }), 'EntityNotExists.MessageContact', 404);
    await refusedWith(core.call('DeleteMessageContact', { ContactId: id }), 'EntityNotExists.MessageContact', 404);
    expect(await listAll()).not.toContain(id);
  });

  it('a contact bound to members or folders cannot be deleted (AssociateMembers; verification seeded)', async () => {
    const id = await add();
    const verified = { status: 'Active' as const, email_verified: 1, phone_verified: 1 };
    expect(await h.app.store.messageContacts.update(id, clock.now(), verified)).toBe(true);
    await core.call('AssociateMembers', {
      ContactId: id,
      'Members.1': h.boot.member.accountId,
      'Members.2': h.boot.rootFolderId,
    });
    expect((await get(id)).Members).toEqual([h.boot.member.accountId, h.boot.rootFolderId]);
    expect(await listAll({ Member: h.boot.rootFolderId })).toEqual([id]);
    const e = await refusedWith(
      core.call('DeleteMessageContact', { ContactId: id }),
      'DeleteConflict.MessageContact.Member',
      409,
    );
    expect(e.data.Message).toContain('2 member(s) or folder(s)');
    expect(await get(id)).toMatchObject({ Status: 'Active' });
    await core.call('DisassociateMembers', {
      ContactId: id,
      'Members.1': h.boot.member.accountId,
      'Members.2': h.boot.rootFolderId,
    });
    await core.call('DeleteMessageContact', { ContactId: id });
    expect(await get(id)).toMatchObject({ Status: 'Deleting' });
  });

  it('a contact that is not being deleted has no deletion status', async () => {
    const id = await add();
    await refusedWith(
      core.call('GetMessageContactDeletionStatus', { ContactId: id }),
      'EntityNotExists.MessageContact',
      404,
    );
  });
});

describe('errors', () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no Name', { Name: '' }, 'MissingParameter.ContactName'],
    ['a long Name', { Name: 'n'.repeat(65) }, 'InvalidParameter.ContactName'],
    ['no EmailAddress', { EmailAddress: '' }, 'MissingParameter.EmailAddress'],
    ['a bad EmailAddress', { EmailAddress: 'not-an-address' }, 'InvalidParameter.EmailAddress'],
    ['no PhoneNumber', { PhoneNumber: '' }, 'MissingParameter.PhoneNumber'],
    ['a bad PhoneNumber', { PhoneNumber: '13900001234' }, 'InvalidParameter.PhoneNumber'],
    ['an 86 landline', { PhoneNumber: '86-01012345678' }, 'InvalidParameter.PhoneNumber'],
    ['another country', { PhoneNumber: '1-2025550123' }, 'InvalidParameter.MobileCountryCode'],
    ['no Title', { Title: '' }, 'MissingParameter.Title'],
    ['a bad Title', { Title: 'King' }, 'InvalidParameter.Title'],
    ['no MessageTypes', { 'MessageTypes.1': '', 'MessageTypes.2': '' }, 'MissingParameter.MessageTypes'],
    ['a bad MessageType', { 'MessageTypes.1': 'a b' }, 'InvalidParameter.MessageTypes'],
    ['MessageTypes.21', { 'MessageTypes.21': 'X' }, 'InvalidParameter.MessageTypes'],
  ];
  it.each(cases)('AddMessageContact with %s', async (_, over, code) => {
    await refusedWith(core.call('AddMessageContact', contact(over)), code);
  });

  it('ContactId missing, malformed or unknown; bad paging', async () => {
    for (const a of ['GetMessageContact', 'UpdateMessageContact', 'DeleteMessageContact']) {
      await refusedWith(core.call(a, {}), 'MissingParameter.ContactId', 400);
      await refusedWith(core.call(a, { ContactId: 'x-1' }), 'InvalidParameter.ContactId', 400);
      await refusedWith(core.call(a, { ContactId: 'c-nothere0000000' }), 'EntityNotExists.MessageContact', 404);
    }
    await refusedWith(core.call('ListMessageContacts', { PageSize: '101' }), 'InvalidParameter.PageSize');
    await refusedWith(core.call('ListMessageContacts', { PageNumber: '0' }), 'InvalidParameter.PageNumber');
    await refusedWith(core.call('ListMessageContacts', { Member: 'someone' }), 'InvalidParameter.Member');
    const id = await add();
    await refusedWith(
      core.call('UpdateMessageContact', { ContactId: id, PhoneNumber: '44-7700900123' }),
      'InvalidParameter.MobileCountryCode',
    );
    await refusedWith(
      core.call('UpdateMessageContact', { ContactId: id, PhoneNumber: '86-23456789012' }),
      'InvalidParameter.PhoneNumber',
    );
    await refusedWith(core.call('UpdateMessageContact', { ContactId: id, Title: 'x' }), 'InvalidParameter.Title');
  });

  it('the caller needs a directory; another directory contact is not found', async () => {
    const lone = coreClient(h.host, (await addStandaloneAccount(h)).admin);
    await refusedWith(lone.call('AddMessageContact', contact()), 'ResourceDirectoryNotInUse');
    await refusedWith(lone.call('ListMessageContacts', {}), 'ResourceDirectoryNotInUse');
    const other = coreClient(h.host, (await addAccountWithDirectory(h)).admin);
    const id = await add();
    await refusedWith(other.call('GetMessageContact', { ContactId: id }), 'EntityNotExists.MessageContact');
    await refusedWith(other.call('DeleteMessageContact', { ContactId: id }), 'EntityNotExists.MessageContact');
    expect(await (async () => (await other.call('ListMessageContacts', {})).Contacts)()).toEqual([]);
  });
});

describe('hostile input', () => {
  it('control characters, markup and huge values are refused, never a 5xx', async () => {
    await refusedWith(core.call('AddMessageContact', contact({ Name: 'a\u0000b' })), 'InvalidParameter.ContactName');
    await refusedWith(
      core.call('AddMessageContact', contact({ EmailAddress: `${'a'.repeat(200)}@x.com` })),
      'InvalidParameter.EmailAddress',
    );
    await refusedWith(core.call('GetMessageContact', { ContactId: "c-1' OR 1=1 --" }), 'InvalidParameter.ContactId');
    await refusedWith(core.call('ListMessageContacts', { PageNumber: '9'.repeat(64) }), 'InvalidParameter.PageNumber');
    const id = await add({ Name: '<script>alert(1)</script> 名前' });
    expect((await get(id)).Name).toBe('<script>alert(1)</script> 名前');
  });
});

describe('concurrency', () => {
  it('contacts added at once all get distinct IDs and are all listed', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => add({ Name: `c${i}` })));
    expect(new Set(ids).size).toBe(8);
    const all = await listAll();
    for (const id of ids) expect(all).toContain(id);
  });
});

describe('permission', () => {
  it('read-only access may read but not change; a member account may do neither', async () => {
    const id = await add();
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    await ro.call('GetMessageContact', { ContactId: id });
    await ro.call('ListMessageContacts', {});
    await refusedWith(ro.call('AddMessageContact', contact()), 'NoPermission', 403);
    for (const action of ['UpdateMessageContact', 'DeleteMessageContact']) {
      const e = await refusedWith(ro.call(action, { ContactId: id }), 'NoPermission', 403);
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
    const member = coreClient(h.host, await addAccessKey(h, h.boot.member.accountId, null));
    await refusedWith(member.call('ListMessageContacts', {}), 'NoPermission', 403);
    await refusedWith(member.call('AddMessageContact', contact()), 'NoPermission', 403);
  });

  it('the operations exist in 2022-04-19 only', async () => {
    await refusedWith(core.call('ListMessageContacts', {}, '2020-03-31'), 'InvalidAction.NotFound', 404);
    await refusedWith(
      core.call(
        'SendPhoneVerificationForMessageContact',
        { ContactId: 'c-x', PhoneNumber: '86-13900001234' },
        '2020-03-31',
      ),
      'InvalidAction.NotFound',
      404,
    );
  });
});

describe('audit', () => {
  it('every change is found by LookupEvents', async () => {
    const id = await add();
    await core.call('UpdateMessageContact', { ContactId: id, Name: 'audited' });
    await core.call('DeleteMessageContact', { ContactId: id });
    const names = ['AddMessageContact', 'UpdateMessageContact', 'DeleteMessageContact'];
    expect(await auditedNames(h.host, h.boot.root, names)).toEqual(names);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
