/**
 * ChangeAccountEmail, RetryChangeAccountEmail and CancelChangeAccountEmail through the official
 * SDKs (2020-03-31 product SDK, 2022-04-19 generic client), on a driven clock: the change waits
 * for its confirmation mail (RESDIR_EMAIL_CONFIRM_SECONDS) and shows in GetAccount's EmailStatus.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels, type Creds } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';
import {
  addAccountWithDirectory,
  addCloudAccountMember,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { newStandaloneAccount } from '../../support/standalone.js';
import { ManualClock } from '../../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
const CONFIRM_MS = 5_000;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600, emailConfirmSeconds: 5 } });
});
afterAll(async () => {
  await h.close();
});

const sdk = (c: Creds = h.boot.admin) => productClient(h.host, c);
const change = (accountId: string, email: string, c?: Creds) =>
  sdk(c).changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId, email }));
const retry = (accountId: string, c?: Creds) =>
  sdk(c).retryChangeAccountEmail(new rmModels.RetryChangeAccountEmailRequest({ accountId }));
const cancel = (accountId: string, c?: Creds) =>
  sdk(c).cancelChangeAccountEmail(new rmModels.CancelChangeAccountEmailRequest({ accountId }));
const account = async (accountId: string) =>
  (await sdk().getAccount(new rmModels.GetAccountRequest({ accountId }))).body.account;
/** The sweeper carries a due confirmation out within about a second. */
const settled = (accountId: string, check: (a: Awaited<ReturnType<typeof account>>) => void) =>
  vi.waitFor(async () => check(await account(accountId)), { timeout: 5_000, interval: 100 });
let seq = 0;
const freshEmail = () => `new-${Date.now()}-${seq++}@example.com`;

describe('ChangeAccountEmail', () => {
  it('waits for the confirmation, then the address becomes the logon name', async () => {
    const id = await addResourceAccountMember(h);
    const before = await account(id);
    const email = freshEmail();
    const r = await change(id, email.toUpperCase());
    expect(Object.keys(r.body.toMap())).toEqual(['RequestId']);
    const pending = await sdk().getAccount(new rmModels.GetAccountRequest({ accountId: id }));
    expectModelFields(pending.body.toMap().Account, 'GetAccountResponseBodyAccount');
    expect(pending.body.account).toMatchObject({ emailStatus: 'WAIT_MODIFY', accountName: before.accountName });
    const g22 = (await coreClient(h.host, h.boot.admin).call('GetAccount', { AccountId: id })).Account as Record<
      string,
      unknown
    >;
    expect(g22).toMatchObject({ EmailStatus: 'WAIT_MODIFY', HasSecureMobilePhone: false });
    clock.advance(CONFIRM_MS - 1);
    expect((await account(id)).emailStatus).toBe('WAIT_MODIFY');
    clock.advance(1);
    await settled(id, (a) => expect(a).toMatchObject({ accountName: email, emailStatus: '' }));
    // Nothing is left to retry or cancel.
    await refusedWith(retry(id), 'EntityNotExists.EmailModifyRecord', 404);
    await refusedWith(cancel(id), 'EntityNotExists.EmailModifyRecord', 404);
    // The old name is free again; the new one is taken.
    const other = await addResourceAccountMember(h);
    await refusedWith(change(other, email), 'InvalidParameter.Email.AlreadyUsed', 409);
    await change(other, before.accountName!);
    await cancel(other);
  });

  it('CancelChangeAccountEmail ends the change as CANCELLED; a new change may follow', async () => {
    const id = await addResourceAccountMember(h);
    const name = (await account(id)).accountName;
    await change(id, freshEmail());
    expect(Object.keys((await cancel(id)).body.toMap())).toEqual(['RequestId']);
    expect((await account(id)).emailStatus).toBe('CANCELLED');
    clock.advance(CONFIRM_MS * 2);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(await account(id)).toMatchObject({ emailStatus: 'CANCELLED', accountName: name });
    await refusedWith(cancel(id), 'EntityNotExists.EmailModifyRecord', 404);
    await refusedWith(retry(id), 'EntityNotExists.EmailModifyRecord', 404);
    const next = freshEmail();
    await coreClient(h.host, h.boot.admin).call('ChangeAccountEmail', { AccountId: id, Email: next });
    expect((await account(id)).emailStatus).toBe('WAIT_MODIFY');
    await coreClient(h.host, h.boot.admin).call('CancelChangeAccountEmail', { AccountId: id });
    expect((await account(id)).emailStatus).toBe('CANCELLED');
  });

  it('RetryChangeAccountEmail sends the mail again: the confirmation time starts over', async () => {
    const id = await addResourceAccountMember(h);
    const email = freshEmail();
    await change(id, email);
    clock.advance(CONFIRM_MS - 1_000);
    expect(Object.keys((await retry(id)).body.toMap())).toEqual(['RequestId']);
    clock.advance(2_000);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await account(id)).emailStatus).toBe('WAIT_MODIFY');
    await coreClient(h.host, h.boot.admin).call('RetryChangeAccountEmail', { AccountId: id });
    clock.advance(CONFIRM_MS);
    await settled(id, (a) => expect(a).toMatchObject({ accountName: email, emailStatus: '' }));
  });

  it('refuses a second change while one is pending, invited members, taken addresses and bad input', async () => {
    const id = await addResourceAccountMember(h);
    await change(id, freshEmail());
    await refusedWith(change(id, freshEmail()), 'NotSupportedOperation.Account.EmailModify', 400);
    await cancel(id);
    const invited = await addCloudAccountMember(h);
    await refusedWith(change(invited, freshEmail()), 'NotSupport.InvitedAccount', 400);
    await refusedWith(
      coreClient(h.host, h.boot.admin).call('ChangeAccountEmail', { AccountId: invited, Email: freshEmail() }),
      'NotSupport.InvitedAccount',
      400,
    );
    await refusedWith(change(h.boot.managementAccountId, freshEmail()), 'AccountTypeOrStatusMismatch', 409);
    const taken = (await account(h.boot.member.accountId)).accountName!;
    await refusedWith(change(id, taken.toUpperCase()), 'InvalidParameter.Email.AlreadyUsed', 409);
    await refusedWith(change('', freshEmail()), 'MissingParameter.AccountId', 400);
    await refusedWith(change('12345', freshEmail()), 'InvalidParameter.AccountId', 400);
    await refusedWith(change('1999999999999999', freshEmail()), 'EntityNotExists.Account', 404);
    await refusedWith(change(id, ''), 'MissingParameter.Email', 400);
    for (const bad of ['no-at-sign', 'a@b', `${'x'.repeat(60)}@example.com`, '<script>@x.com', 'ü@example.com'])
      await refusedWith(change(id, bad), 'InvalidParameter.Email', 400);
    for (const call of [retry, cancel]) {
      await refusedWith(call(''), 'MissingParameter.AccountId', 400);
      await refusedWith(call('abc'), 'InvalidParameter.AccountId', 400);
      await refusedWith(call('1999999999999999'), 'EntityNotExists.Account', 404);
    }
    expect((await account(id)).emailStatus).toBe('CANCELLED');
  });

  it('keeps directories apart and needs the RAM action', async () => {
    const other = await addAccountWithDirectory(h);
    await refusedWith(change(other.memberAccountId, freshEmail()), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(retry(other.memberAccountId), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(cancel(other.memberAccountId), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    const lone = await newStandaloneAccount(h);
    await refusedWith(change(h.boot.member.accountId, freshEmail(), lone), 'ResourceDirectoryNotInUse', 404);
    const reader = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    const id = await addResourceAccountMember(h);
    await refusedWith(change(id, freshEmail(), reader), 'NoPermission', 403);
    await refusedWith(retry(id, reader), 'NoPermission', 403);
    await refusedWith(cancel(id, reader), 'NoPermission', 403);
    expect((await account(id)).emailStatus).toBe('');
  });

  it('of concurrent changes of one member exactly one wins; of concurrent cancels one', async () => {
    const id = await addResourceAccountMember(h);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => change(id, freshEmail())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('NotSupportedOperation.Account.EmailModify');
    const cancels = await Promise.allSettled(Array.from({ length: 6 }, () => cancel(id)));
    expect(cancels.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of cancels)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('EntityNotExists.EmailModifyRecord');
  });

  it('every e-mail change operation is found by LookupEvents', async () => {
    const id = await addResourceAccountMember(h);
    await change(id, freshEmail());
    await retry(id);
    await cancel(id);
    // This harness's clock stands still, so every record has the same time: select by the member.
    const query = { MaxResults: '50', 'LookupAttribute.1.Key': 'ResourceName', 'LookupAttribute.1.Value': id };
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', query, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string; requestParameters: Record<string, string> }>;
    };
    const ok = ev.Events.filter((e) => e.errorCode === undefined && e.requestParameters.AccountId === id);
    expect(ok.map((e) => e.eventName).sort()).toEqual([
      'CancelChangeAccountEmail',
      'ChangeAccountEmail',
      'RetryChangeAccountEmail',
    ]);
  });
});

describe('an e-mail change that is never confirmed', () => {
  let h2: Harness;
  let clock2: ManualClock;
  beforeAll(async () => {
    clock2 = new ManualClock(Date.now());
    h2 = await startResdir({
      clock: clock2,
      settings: { signatureWindowSeconds: 3600, emailConfirmSeconds: 100, emailExpirySeconds: 10 },
    });
  });
  afterAll(() => h2.close());

  it('expires (EXPIRED); a retry sends it again, a cancel ends it', async () => {
    const c = productClient(h2.host, h2.boot.admin);
    const id = await addResourceAccountMember(h2);
    const get = async () => (await c.getAccount(new rmModels.GetAccountRequest({ accountId: id }))).body.account;
    await c.changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId: id, email: 'late@example.com' }));
    clock2.advance(10_000);
    expect((await get()).emailStatus).toBe('EXPIRED');
    await refusedWith(
      c.cancelChangeAccountEmail(new rmModels.CancelChangeAccountEmailRequest({ accountId: id })),
      'EntityNotExists.EmailModifyRecord',
      404,
    );
    await c.retryChangeAccountEmail(new rmModels.RetryChangeAccountEmailRequest({ accountId: id }));
    expect((await get()).emailStatus).toBe('WAIT_MODIFY');
    await c.cancelChangeAccountEmail(new rmModels.CancelChangeAccountEmailRequest({ accountId: id }));
    expect((await get()).emailStatus).toBe('CANCELLED');
    // An expired change does not block a new one.
    await c.changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId: id, email: 'late@example.com' }));
    clock2.advance(10_000);
    await c.changeAccountEmail(new rmModels.ChangeAccountEmailRequest({ accountId: id, email: 'later@example.com' }));
    expect((await get()).emailStatus).toBe('WAIT_MODIFY');
  });
});
