/**
 * Member deletion (check → result → delete → status) and RemoveCloudAccount through the official SDKs, on a driven
 * clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels, stsClient, stsModels } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { addCloudAccountMember, addRamUser } from '../../support/principals.js';
import { newStandaloneAccount } from '../../support/standalone.js';
import { ManualClock } from '../../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
const DELAY_MS = 5_000;
beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
});
afterAll(async () => {
  await h.close();
});

const admin = () => productClient(h.host, h.boot.admin);
const modelKeys = (Model: { names(): Record<string, string> }) => Object.values(Model.names()).sort();
const newMember = async (name: string) =>
  (
    (await coreClient(h.host, h.boot.admin).call('CreateResourceAccount', { DisplayName: name })).Account as Record<
      string,
      string
    >
  ).AccountId!;
const check = (accountId: string) => admin().checkAccountDelete(new rmModels.CheckAccountDeleteRequest({ accountId }));
const checkResult = (accountId: string) =>
  admin().getAccountDeletionCheckResult(new rmModels.GetAccountDeletionCheckResultRequest({ accountId }));
const del = (accountId: string, abandonableCheckId?: string[]) =>
  admin().deleteAccount(new rmModels.DeleteAccountRequest({ accountId, abandonableCheckId }));
const status = (accountId: string) =>
  admin().getAccountDeletionStatus(new rmModels.GetAccountDeletionStatusRequest({ accountId }));
const setDeletion = (s: string) =>
  admin().setMemberDeletionPermission(new rmModels.SetMemberDeletionPermissionRequest({ status: s }));

/** DeletionStatus of one member in ListAccounts and ListAccountsForParent (2022-04-19). */
async function listedDeletionStatus(accountId: string): Promise<string[]> {
  const out: string[] = [];
  for (const [action, q] of [
    ['ListAccounts', { PageSize: '100' }],
    ['ListAccountsForParent', { ParentFolderId: h.boot.rootFolderId, PageSize: '100' }],
  ] as const) {
    const r = (await coreClient(h.host, h.boot.admin).call(action, { ...q })) as {
      Accounts: { Account: Array<{ AccountId: string; DeletionStatus: string }> };
    };
    const m = r.Accounts.Account.find((a) => a.AccountId === accountId);
    if (!m) throw new Error(`${action} does not list ${accountId}`);
    out.push(m.DeletionStatus);
  }
  return out;
}

describe('member deletion', () => {
  it('the member lists show the deletion state: Checking, nothing, Deleting', async () => {
    await setDeletion('Enabled');
    const id = await newMember('listed deletion');
    expect(await listedDeletionStatus(id)).toEqual(['', '']);
    await check(id);
    expect(await listedDeletionStatus(id)).toEqual(['Checking', 'Checking']);
    clock.advance(DELAY_MS);
    expect(await listedDeletionStatus(id)).toEqual(['', '']);
    await del(id);
    expect(await listedDeletionStatus(id)).toEqual(['Deleting', 'Deleting']);
    clock.advance(DELAY_MS);
    await status(id);
  });

  it('needs member deletion enabled, a RAM identity, and a created ResourceAccount', async () => {
    const id = await newMember('guarded member');
    await setDeletion('Disabled');
    await refusedWith(check(id), 'NoLicense.ResourceDirectory', 409);
    await setDeletion('Enabled');
    await refusedWith(
      productClient(h.host, h.boot.root).checkAccountDelete(new rmModels.CheckAccountDeleteRequest({ accountId: id })),
      'CallerIdentityError.DeleteAccount',
      409,
    );
    await refusedWith(check(h.boot.managementAccountId), 'MemberTypeError.DeleteAccount', 409);
    await refusedWith(check(await addCloudAccountMember(h)), 'MemberTypeError.DeleteAccount', 409);
    await refusedWith(checkResult(id), 'EntityNotExists.CheckAccount', 409);
    await refusedWith(del(id), 'EntityNotExists.CheckAccount', 409);
    await refusedWith(status(id), 'EntityNotExists.Account', 404);
    const reader = await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    await refusedWith(coreClient(h.host, reader).call('CheckAccountDelete', { AccountId: id }), 'NoPermission', 403);
    await refusedWith(coreClient(h.host, reader).call('DeleteAccount', { AccountId: id }), 'NoPermission', 403);
  });

  it('progresses over the configured delay and removes the member, its account and its access role', async () => {
    await setDeletion('Enabled');
    const id = await newMember('doomed member');
    expect(Object.keys((await check(id)).body.toMap())).toEqual(['RequestId']);
    const pending = (await checkResult(id)).body.accountDeletionCheckResultInfo;
    expect(pending.status).toBe('PreChecking');
    await refusedWith(del(id), 'NotSupportedOperation.CheckingAccount', 409);
    clock.advance(DELAY_MS);
    const done = await checkResult(id);
    expect(Object.keys(done.body.toMap().AccountDeletionCheckResultInfo).sort()).toEqual(
      modelKeys(rmModels.GetAccountDeletionCheckResultResponseBodyAccountDeletionCheckResultInfo),
    );
    expect(done.body.accountDeletionCheckResultInfo).toMatchObject({
      status: 'PreCheckComplete',
      allowDelete: 'true',
      notAllowReason: [],
      abandonableChecks: [],
    });
    const deleted = await del(id, ['SP_fc_fc']);
    expect(Object.keys(deleted.body.toMap()).sort()).toEqual(modelKeys(rmModels.DeleteAccountResponseBody));
    expect(deleted.body.deletionType).toBe('0');
    await refusedWith(del(id), 'ExistProcessingDeleteFlow.DeleteAccount', 409);
    await refusedWith(check(id), 'ExistProcessingDeleteFlow.DeleteAccount', 409);
    const deleting = await status(id);
    expect(Object.keys(deleting.body.toMap().RdAccountDeletionStatus).sort()).toEqual(
      modelKeys(rmModels.GetAccountDeletionStatusResponseBodyRdAccountDeletionStatus),
    );
    expect(deleting.body.rdAccountDeletionStatus).toMatchObject({
      accountId: id,
      status: 'Deleting',
      deletionTime: '',
    });
    expect((await admin().getAccount(new rmModels.GetAccountRequest({ accountId: id }))).body.account.accountId).toBe(
      id,
    );
    clock.advance(DELAY_MS);
    const success = (await status(id)).body.rdAccountDeletionStatus;
    expect(success.status).toBe('Success');
    expect(Date.parse(success.deletionTime)).toBeGreaterThan(Date.parse(success.createTime));
    await refusedWith(
      admin().getAccount(new rmModels.GetAccountRequest({ accountId: id })),
      'EntityNotExists.Account',
      404,
    );
    const operator = await addRamUser(h, { policies: ['AliyunSTSAssumeRoleAccess'] });
    await refusedWith(
      stsClient(h.host, operator).assumeRole(
        new stsModels.AssumeRoleRequest({
          roleArn: `acs:ram::${id}:role/resourcedirectoryaccountaccessrole`,
          roleSessionName: 'too-late',
        }),
      ),
      'EntityNotExist.Role',
      404,
    );
    expect((await status(id)).body.rdAccountDeletionStatus.status).toBe('Success');
    const events = await h.app.store.audit.recent(100);
    const codes = events
      .filter((e) => e.action === 'DeleteAccount' && e.target_account_id === id)
      .map((e) => e.result_code);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
  });

  it('is carried out by the sweeper when nobody asks for the status', async () => {
    await setDeletion('Enabled');
    const id = await newMember('swept member');
    await check(id);
    clock.advance(DELAY_MS);
    await del(id);
    clock.advance(DELAY_MS);
    const deadline = Date.now() + 10_000;
    while ((await h.app.store.directory.getMember(id)) !== undefined) {
      if (Date.now() > deadline) throw new Error('the sweeper never carried the deletion out');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await h.app.store.directory.getAccount(id)).toBeUndefined();
  });

  it('lets exactly one of concurrent DeleteAccount calls start the deletion', async () => {
    await setDeletion('Enabled');
    const id = await newMember('raced member');
    await check(id);
    clock.advance(DELAY_MS);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => del(id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('ExistProcessingDeleteFlow.DeleteAccount');
  });

  it('refuses hostile input one field at a time, and members of other directories', async () => {
    await setDeletion('Enabled');
    const id = await newMember('hostile target');
    const core = coreClient(h.host, h.boot.admin);
    for (const bad of ['abc', '1'.repeat(17), "1' OR '1'='1", '-100000000000000'])
      await refusedWith(core.call('CheckAccountDelete', { AccountId: bad }), 'InvalidParameter.AccountId', 400);
    await refusedWith(core.call('DeleteAccount', {}), 'MissingParameter.AccountId', 400);
    for (const bad of ['notjson', '{"a":1}', '[1,2]', JSON.stringify(['x'.repeat(200)])])
      await refusedWith(
        core.call('DeleteAccount', { AccountId: id, AbandonableCheckId: bad }),
        'InvalidParameter.AbandonableCheckId',
        400,
      );
    expect(await h.app.store.lifecycle.getDeletion(id)).toBeUndefined();
    const other = await newStandaloneAccount(h);
    await productClient(h.host, other).enableResourceDirectory(
      new rmModels.EnableResourceDirectoryRequest({ enableMode: 'CurrentAccount' }),
    );
    const foreign = (
      (await coreClient(h.host, other).call('CreateResourceAccount', { DisplayName: 'foreign' })).Account as Record<
        string,
        string
      >
    ).AccountId!;
    await refusedWith(check(foreign), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(checkResult(foreign), 'EntityNotExists.CheckAccount', 409);
  });
});

describe('RemoveCloudAccount', () => {
  it('removes invited members only', async () => {
    const cloud = await addCloudAccountMember(h);
    const removed = await admin().removeCloudAccount(new rmModels.RemoveCloudAccountRequest({ accountId: cloud }));
    expect(Object.keys(removed.body.toMap())).toEqual(['RequestId']);
    expect(await h.app.store.directory.getMember(cloud)).toBeUndefined();
    expect(await h.app.store.directory.getAccount(cloud)).toBeDefined();
    await refusedWith(
      admin().removeCloudAccount(new rmModels.RemoveCloudAccountRequest({ accountId: h.boot.member.accountId })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    await refusedWith(
      admin().removeCloudAccount(new rmModels.RemoveCloudAccountRequest({ accountId: h.boot.managementAccountId })),
      'AccountTypeOrStatusMismatch',
      409,
    );
    await refusedWith(
      admin().removeCloudAccount(new rmModels.RemoveCloudAccountRequest({ accountId: '1234567890123456' })),
      'EntityNotExists.Account',
      404,
    );
  });
});
