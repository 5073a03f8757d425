/**
 * The 2020-03-31 operations that wait for a confirmation mail, through the official SDK:
 * CreateCloudAccount, PromoteResourceAccount and their resend and cancel partners, on a driven
 * clock (confirmation after RESDIR_EMAIL_CONFIRM_SECONDS, expiry in a second server).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { auditedNames } from '../../support/audited.js';
import { coreClient, productClient, rmModels, stsClient, stsModels, type Creds } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';
import {
  addAccountWithDirectory,
  addCloudAccountMember,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { ManualClock } from '../../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600, emailConfirmSeconds: 5 } });
});
afterAll(async () => {
  await h.close();
});

const sdk = (c: Creds = h.boot.admin) => productClient(h.host, c);
let seq = 0;
const freshEmail = () => `cloud-${Date.now()}-${seq++}@example.com`;
const create = (displayName: string, email: string, parentFolderId?: string, c?: Creds) =>
  sdk(c).createCloudAccount(new rmModels.CreateCloudAccountRequest({ displayName, email, parentFolderId }));
const promote = (accountId: string, email: string, c?: Creds) =>
  sdk(c).promoteResourceAccount(new rmModels.PromoteResourceAccountRequest({ accountId, email }));
const resendCreate = (recordId: string, c?: Creds) =>
  sdk(c).resendCreateCloudAccountEmail(new rmModels.ResendCreateCloudAccountEmailRequest({ recordId }));
const resendPromote = (recordId: string, c?: Creds) =>
  sdk(c).resendPromoteResourceAccountEmail(new rmModels.ResendPromoteResourceAccountEmailRequest({ recordId }));
const cancelCreate = (recordId: string, c?: Creds) =>
  sdk(c).cancelCreateCloudAccount(new rmModels.CancelCreateCloudAccountRequest({ recordId }));
const cancelPromote = (recordId: string, c?: Creds) =>
  sdk(c).cancelPromoteResourceAccount(new rmModels.CancelPromoteResourceAccountRequest({ recordId }));
const account = async (accountId: string) =>
  (await sdk().getAccount(new rmModels.GetAccountRequest({ accountId }))).body.account;
const settled = (accountId: string, check: (a: Awaited<ReturnType<typeof account>>) => void) =>
  vi.waitFor(async () => check(await account(accountId)), { timeout: 5_000, interval: 100 });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CreateCloudAccount', () => {
  it('creates a CreateVerifying CloudAccount that becomes CreateSuccess with its access role', async () => {
    const email = freshEmail();
    const r = await create('cloud one', email.toUpperCase());
    expectModelFields(r.body.toMap().Account, 'CreateCloudAccountResponseBodyAccount');
    const a = r.body.account!;
    expect(a).toMatchObject({
      accountName: email,
      displayName: 'cloud one',
      type: 'CloudAccount',
      joinMethod: 'created',
      status: 'CreateVerifying',
      folderId: h.boot.rootFolderId,
      resourceDirectoryId: h.boot.resourceDirectoryId,
    });
    expect(a.recordId).toMatch(UUID);
    expect((await account(a.accountId!)).status).toBe('CreateVerifying');
    // An account whose creation is unconfirmed is not removed, nor does its address change.
    await refusedWith(
      sdk().removeCloudAccount(new rmModels.RemoveCloudAccountRequest({ accountId: a.accountId })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    await refusedWith(
      sdk().changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId: a.accountId, email: freshEmail() })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    const resent = await resendCreate(a.recordId!);
    expectModelFields(resent.body.toMap().Account, 'ResendCreateCloudAccountEmailResponseBodyAccount');
    expect(resent.body.account).toMatchObject({ recordId: a.recordId, status: 'CreateVerifying' });
    clock.advance(5_000);
    await settled(a.accountId!, (x) => expect(x.status).toBe('CreateSuccess'));
    await refusedWith(resendCreate(a.recordId!), 'AccountTypeOrStatusMismatch', 409);
    await refusedWith(cancelCreate(a.recordId!), 'AccountTypeOrStatusMismatch', 409);
    // The management account reaches the new member through its access role.
    const operator = await addRamUser(h, { policies: ['AliyunSTSAssumeRoleAccess'] });
    const assumed = await stsClient(h.host, operator).assumeRole(
      new stsModels.AssumeRoleRequest({
        roleArn: `acs:ram::${a.accountId}:role/resourcedirectoryaccountaccessrole`,
        roleSessionName: 'cloud-one',
      }),
    );
    expect(assumed.body.credentials?.accessKeyId).toBeTruthy();
  });

  it('CancelCreateCloudAccount removes the pending member; its name and e-mail are free again', async () => {
    const email = freshEmail();
    const a = (await create('cloud cancelled', email)).body.account!;
    expect(Object.keys((await cancelCreate(a.recordId!)).body.toMap())).toEqual(['RequestId']);
    await refusedWith(account(a.accountId!), 'EntityNotExists.Account', 404);
    await refusedWith(cancelCreate(a.recordId!), 'AccountTypeOrStatusMismatch', 409);
    await refusedWith(resendCreate(a.recordId!), 'AccountTypeOrStatusMismatch', 409);
    const again = (await create('cloud cancelled', email)).body.account!;
    await cancelCreate(again.recordId!);
  });

  it('refuses taken names and addresses, unknown folders and records, and bad input', async () => {
    const email = freshEmail();
    const first = (await create('cloud taken', email)).body.account!;
    await refusedWith(create('cloud taken', freshEmail()), 'InvalidParameter.Account.DisplayName.AlreadyUsed', 409);
    await refusedWith(create('cloud other', email), 'InvalidParameter.Email.AlreadyUsed', 409);
    await refusedWith(create('cloud other', freshEmail(), 'fd-nosuch0000'), 'EntityNotExists.Folder', 404);
    await refusedWith(create('', freshEmail()), 'MissingParameter.Account.DisplayName', 400);
    await refusedWith(create('x', freshEmail()), 'InvalidParameter.Account.DisplayName', 400);
    await refusedWith(create('cloud other', ''), 'MissingParameter.Email', 400);
    await refusedWith(create('cloud other', 'not-an-email'), 'InvalidParameter.Email', 400);
    await refusedWith(create('cloud other', freshEmail(), 'folder!'), 'InvalidParameter.ParentFolderId', 400);
    await refusedWith(
      coreClient(h.host, h.boot.admin).call(
        'CreateCloudAccount',
        { DisplayName: 'cloud payer', Email: freshEmail(), PayerAccountId: h.boot.managementAccountId },
        '2020-03-31',
      ),
      'UnsupportedParameter',
      400,
    );
    await refusedWith(
      coreClient(h.host, h.boot.admin).call('CreateCloudAccount', { DisplayName: 'x2', Email: freshEmail() }),
      'InvalidAction.NotFound',
      404,
    );
    for (const call of [resendCreate, cancelCreate, resendPromote, cancelPromote]) {
      await refusedWith(call(''), 'MissingParameter.RecordId', 400);
      await refusedWith(call("1' or '1'='1"), 'InvalidParameter.RecordId', 400);
      await refusedWith(call('00000000-0000-0000-0000-000000000000'), 'EntityNotExists.AccountRecord', 404);
    }
    // A creation record is not a promotion record.
    await refusedWith(resendPromote(first.recordId!), 'EntityNotExists.AccountRecord', 404);
    await refusedWith(cancelPromote(first.recordId!), 'EntityNotExists.AccountRecord', 404);
    await cancelCreate(first.recordId!.toUpperCase());
  });
});

describe('PromoteResourceAccount', () => {
  it('PromoteVerifying, then a CloudAccount of status PromoteSuccess named by the e-mail', async () => {
    const id = await addResourceAccountMember(h);
    const email = freshEmail();
    const r = await promote(id, email);
    expectModelFields(r.body.toMap().Account, 'PromoteResourceAccountResponseBodyAccount');
    const p = r.body.account!;
    expect(p).toMatchObject({ accountId: id, type: 'ResourceAccount', status: 'PromoteVerifying' });
    expect(p.recordId).toMatch(UUID);
    // A member waiting for its mail is not moved, renamed or promoted again.
    await refusedWith(promote(id, freshEmail()), 'AccountTypeOrStatusMismatch', 409);
    await refusedWith(
      sdk().moveAccount(new rmModels.MoveAccountRequest({ accountId: id, destinationFolderId: h.boot.rootFolderId })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    const resent = await resendPromote(p.recordId!);
    expectModelFields(resent.body.toMap().Account, 'ResendPromoteResourceAccountEmailResponseBodyAccount');
    clock.advance(5_000);
    await settled(id, (a) =>
      expect(a).toMatchObject({ type: 'CloudAccount', status: 'PromoteSuccess', accountName: email }),
    );
    await refusedWith(promote(id, freshEmail()), 'AccountTypeOrStatusMismatch', 409);
    await refusedWith(cancelPromote(p.recordId!), 'AccountTypeOrStatusMismatch', 409);
  });

  it('CancelPromoteResourceAccount leaves a working ResourceAccount (PromoteCancelled)', async () => {
    const id = await addResourceAccountMember(h);
    const name = (await account(id)).accountName;
    const p = (await promote(id, freshEmail())).body.account!;
    expect(Object.keys((await cancelPromote(p.recordId!)).body.toMap())).toEqual(['RequestId']);
    expect(await account(id)).toMatchObject({ status: 'PromoteCancelled', type: 'ResourceAccount', accountName: name });
    await refusedWith(cancelPromote(p.recordId!), 'AccountTypeOrStatusMismatch', 409);
    await sdk().moveAccount(
      new rmModels.MoveAccountRequest({ accountId: id, destinationFolderId: h.boot.rootFolderId }),
    );
    const again = (await promote(id, freshEmail())).body.account!;
    await cancelPromote(again.recordId!);
  });

  it('refuses CloudAccounts, taken addresses, other directories and callers without the action', async () => {
    await refusedWith(promote(await addCloudAccountMember(h), freshEmail()), 'AccountTypeOrStatusMismatch', 409);
    const id = await addResourceAccountMember(h);
    const taken = (await account(h.boot.member.accountId)).accountName!;
    await refusedWith(promote(id, taken), 'InvalidParameter.Email.AlreadyUsed', 409);
    await refusedWith(promote(id, 'a@b'), 'InvalidParameter.Email', 400);
    await refusedWith(promote('', freshEmail()), 'MissingParameter.AccountId', 400);
    await refusedWith(promote('1999999999999999', freshEmail()), 'EntityNotExists.Account', 404);
    const other = await addAccountWithDirectory(h);
    await refusedWith(
      promote(other.memberAccountId, freshEmail()),
      'NotSupport.AccountInAnotherResourceDirectory',
      409,
    );
    const theirs = (await promote(other.memberAccountId, freshEmail(), other.admin)).body.account!;
    await refusedWith(resendPromote(theirs.recordId!), 'EntityNotExists.AccountRecord', 404);
    await refusedWith(cancelPromote(theirs.recordId!), 'EntityNotExists.AccountRecord', 404);
    const reader = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    await refusedWith(promote(id, freshEmail(), reader), 'NoPermission', 403);
    await refusedWith(create('cloud reader', freshEmail(), undefined, reader), 'NoPermission', 403);
    await refusedWith(resendPromote(theirs.recordId!, reader), 'NoPermission', 403);
    await refusedWith(cancelCreate(theirs.recordId!, reader), 'NoPermission', 403);
    expect((await account(id)).status).toBe('CreateSuccess');
  });

  it('of concurrent promotions of one member exactly one wins', async () => {
    const id = await addResourceAccountMember(h);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => promote(id, freshEmail())));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect(['AccountTypeOrStatusMismatch', 'ConcurrentCallNotSupported']).toContain(
          (r.reason as { code: string }).code,
        );
    const recordId = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof promote>>>).value.body.account!
      .recordId!;
    const cancels = await Promise.allSettled(Array.from({ length: 5 }, () => cancelPromote(recordId)));
    expect(cancels.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('an address taken before the confirmation fails the promotion (PromoteFailed) and the e-mail change', async () => {
    const id = await addResourceAccountMember(h);
    const changing = await addResourceAccountMember(h);
    const name = (await account(id)).accountName;
    const email = freshEmail();
    await promote(id, email);
    await sdk().changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId: changing, email }));
    // Nothing reserves a pending address: another account takes it first.
    const taker = (await create('cloud taker', email)).body.account!;
    clock.advance(5_000);
    await settled(id, (a) =>
      expect(a).toMatchObject({ status: 'PromoteFailed', type: 'ResourceAccount', accountName: name }),
    );
    await settled(changing, (a) => expect(a.emailStatus).toBe('EXPIRED'));
    await settled(taker.accountId!, (a) => expect(a).toMatchObject({ status: 'CreateSuccess', accountName: email }));
    // A failed promotion leaves a working ResourceAccount that may be promoted again.
    const again = (await promote(id, freshEmail())).body.account!;
    await cancelPromote(again.recordId!);
  });

  it('of concurrent creations with one address or one display name exactly one wins', async () => {
    const email = freshEmail();
    const sameEmail = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => create(`cloud race ${i}`, email)));
    expect(sameEmail.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of sameEmail)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('InvalidParameter.Email.AlreadyUsed');
    const sameName = await Promise.allSettled(Array.from({ length: 6 }, () => create('cloud race name', freshEmail())));
    expect(sameName.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of sameName)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('InvalidParameter.Account.DisplayName.AlreadyUsed');
  });

  it('every operation is found by LookupEvents', async () => {
    const c = (await create('cloud audited', freshEmail())).body.account!;
    await resendCreate(c.recordId!);
    await cancelCreate(c.recordId!);
    const p = (await promote(await addResourceAccountMember(h), freshEmail())).body.account!;
    await resendPromote(p.recordId!);
    await cancelPromote(p.recordId!);
    const names = [
      'CreateCloudAccount',
      'ResendCreateCloudAccountEmail',
      'CancelCreateCloudAccount',
      'PromoteResourceAccount',
      'ResendPromoteResourceAccountEmail',
      'CancelPromoteResourceAccount',
    ];
    expect(await auditedNames(h.host, h.boot.root, names)).toEqual(names);
  });
});
