/**
 * Directory lifecycle through the official SDKs: Enable (both modes), Init, Get, SetMemberDeletionPermission, Destroy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { newStandaloneAccount, type StandaloneAccount } from '../../support/standalone.js';
import { addRamUser } from '../../support/principals.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

const rm = (a: StandaloneAccount) => productClient(h.host, a);
const enable = (a: StandaloneAccount, req: Record<string, string> = { enableMode: 'CurrentAccount' }) =>
  rm(a).enableResourceDirectory(new rmModels.EnableResourceDirectoryRequest(req));
/** Keys the SDK's response model declares (its `names()` map), for field-by-field comparison. */
const modelKeys = (Model: { names(): Record<string, string> }) => Object.values(Model.names()).sort();

describe('EnableResourceDirectory (CurrentAccount) and GetResourceDirectory', () => {
  it('makes a standalone account a management account, with every field of the SDK models', async () => {
    const a = await newStandaloneAccount(h, 'lifecycle one');
    const r = await enable(a);
    const dir = r.body.resourceDirectory;
    expect(Object.keys(r.body.toMap().ResourceDirectory).sort()).toEqual(
      modelKeys(rmModels.EnableResourceDirectoryResponseBodyResourceDirectory),
    );
    expect(dir.masterAccountId).toBe(a.accountId);
    expect(dir.masterAccountName).toBe(a.logonEmail);
    expect(dir.resourceDirectoryId).toMatch(/^rd-[a-z0-9]{6}$/);
    expect(dir.rootFolderId).toMatch(/^r-[a-z0-9]{6}$/);
    const got = await rm(a).getResourceDirectory();
    expect(Object.keys(got.body.toMap().ResourceDirectory).sort()).toEqual(
      modelKeys(rmModels.GetResourceDirectoryResponseBodyResourceDirectory),
    );
    expect(got.body.resourceDirectory).toMatchObject({
      resourceDirectoryId: dir.resourceDirectoryId,
      controlPolicyStatus: 'Disabled',
      memberDeletionStatus: 'Disabled',
      createTime: dir.createTime,
    });
    // The management account is the directory's first member.
    const list = await coreClient(h.host, a).call('ListAccounts', {});
    expect(JSON.stringify(list)).toContain(a.accountId);
    await refusedWith(enable(a), 'EntityAlreadyExists.ResourceDirectory', 409);
    await refusedWith(enable(a, { enableMode: 'NewManagementAccount' }), 'EntityAlreadyExists.ResourceDirectory');
    await refusedWith(
      productClient(h.host, h.boot.root).initResourceDirectory(),
      'EntityAlreadyExists.ResourceDirectory',
    );
  });

  it('InitResourceDirectory (2020-03-31) does the same; 2022-04-19 does not serve it', async () => {
    const a = await newStandaloneAccount(h);
    const r = await rm(a).initResourceDirectory();
    expect(Object.keys(r.body.toMap().ResourceDirectory).sort()).toEqual(
      modelKeys(rmModels.InitResourceDirectoryResponseBodyResourceDirectory),
    );
    expect(r.body.resourceDirectory.masterAccountId).toBe(a.accountId);
    const b = await newStandaloneAccount(h);
    await refusedWith(coreClient(h.host, b).call('InitResourceDirectory', {}), 'InvalidAction.NotFound', 404);
  });

  it('refuses hostile input one field at a time and changes nothing', async () => {
    const a = await newStandaloneAccount(h);
    const core = coreClient(h.host, a);
    await refusedWith(core.call('EnableResourceDirectory', {}), 'MissingParameter', 400);
    for (const mode of ['currentaccount', 'Current Account', "'; drop table x", 'x'.repeat(5000)])
      await refusedWith(core.call('EnableResourceDirectory', { EnableMode: mode }), 'InvalidParameter', 400);
    for (const name of ['a@rdadmin.aliyunid.com', 'a..b@rdadmin.aliyunid.com', '-ab@rdadmin.aliyunid.com', 'ab@x.com'])
      await refusedWith(
        core.call('EnableResourceDirectory', { EnableMode: 'NewManagementAccount', MAName: name }),
        'InvalidParameter.ManagementAccountName',
        409,
      );
    await refusedWith(
      core.call('EnableResourceDirectory', { EnableMode: 'NewManagementAccount', MAName: 'ok@rdadmin.aliyunid.com' }),
      'MissingParameter.VerificationCode',
      400,
    );
    await refusedWith(
      core.call('EnableResourceDirectory', {
        EnableMode: 'NewManagementAccount',
        MAName: 'ok@rdadmin.aliyunid.com',
        VerificationCode: '123456',
      }),
      'MissingSecureMobilePhone',
      409,
    );
    await refusedWith(core.call('GetResourceDirectory', {}), 'ResourceDirectoryNotInUse', 404);
  });

  it('needs resourcemanager:EnableResourceDirectory for a RAM user', async () => {
    const a = await newStandaloneAccount(h);
    const none = await addRamUser(h, { accountId: a.accountId });
    const e = await refusedWith(
      coreClient(h.host, none).call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' }),
      'NoPermission',
      403,
    );
    expect(e.message).toContain('resourcemanager:EnableResourceDirectory');
    const full = await addRamUser(h, { accountId: a.accountId, policies: ['AliyunResourceDirectoryFullAccess'] });
    const r = await coreClient(h.host, full).call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' });
    expect((r.ResourceDirectory as Record<string, string>).MasterAccountId).toBe(a.accountId);
  });

  it('lets exactly one of concurrent enables win', async () => {
    const a = await newStandaloneAccount(h);
    const core = coreClient(h.host, a);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => core.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('EntityAlreadyExists.ResourceDirectory');
  });
});

describe('EnableResourceDirectory (NewManagementAccount) with SendVerificationCodeForEnableRD', () => {
  it('creates the management account with the verified phone; the caller becomes its first member', async () => {
    const c = await newStandaloneAccount(h);
    const phone = '1-2025550177';
    const sent = await rm(c).sendVerificationCodeForEnableRD(
      new rmModels.SendVerificationCodeForEnableRDRequest({ secureMobilePhone: phone }),
    );
    expect(Object.keys(sent.body.toMap())).toEqual(['RequestId']);
    const sms = await waitForSms(h, phone);
    expect(sms.purpose).toBe('enable-resource-directory');
    expect(sms.accountId).toBe(c.accountId);
    expect(sms.text).toContain('resource directory');
    const wrong = sms.code === '000000' ? '111111' : '000000';
    const req = {
      enableMode: 'NewManagementAccount',
      MAName: 'new-ma@rdadmin.aliyunid.com',
      MASecureMobilePhone: phone,
    };
    await refusedWith(enable(c, { ...req, verificationCode: wrong }), 'Invalid.VerificationCode', 409);
    await refusedWith(
      enable(c, { ...req, MASecureMobilePhone: '1-2025550178', verificationCode: sms.code }),
      'Invalid.VerificationCode',
    );
    const r = await enable(c, { ...req, verificationCode: sms.code });
    const dir = r.body.resourceDirectory;
    expect(dir.masterAccountName).toBe('new-ma@rdadmin.aliyunid.com');
    expect(dir.masterAccountId).not.toBe(c.accountId);
    const manager = await h.app.store.directory.getAccount(dir.masterAccountId);
    expect(manager?.secure_mobile_phone).toBe('+12025550177');
    // The caller now sees the directory as a member, and can no longer enable one.
    expect((await rm(c).getResourceDirectory()).body.resourceDirectory.resourceDirectoryId).toBe(
      dir.resourceDirectoryId,
    );
    const member = await h.app.store.directory.getMember(c.accountId);
    expect(member).toMatchObject({
      directory_id: dir.resourceDirectoryId,
      type: 'CloudAccount',
      join_method: 'invited',
    });
    await refusedWith(enable(c), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(
      rm(c).sendVerificationCodeForEnableRD(
        new rmModels.SendVerificationCodeForEnableRDRequest({ secureMobilePhone: phone }),
      ),
      'NotSupport.AccountInAnotherResourceDirectory',
    );
    // The code was used once; the name is taken.
    const d = await newStandaloneAccount(h);
    await refusedWith(
      enable(d, { ...req, verificationCode: sms.code }),
      'InvalidParameter.ManagementAccountName.AlreadyUsed',
    );
    await refusedWith(
      enable(d, { ...req, MAName: 'other-ma@rdadmin.aliyunid.com', verificationCode: sms.code }),
      'Invalid.VerificationCode',
    );
    const events = await h.app.store.audit.recent(200);
    expect(
      events.some(
        (e) => e.action === 'EnableResourceDirectory' && e.caller_account_id === c.accountId && e.result_code === 'OK',
      ),
    ).toBe(true);
    expect(JSON.stringify(events)).not.toContain(sms.code);
  });

  it('refuses bad phones and applies the send limits', async () => {
    const c = await newStandaloneAccount(h);
    const send = (p?: string) =>
      coreClient(h.host, c).call('SendVerificationCodeForEnableRD', p === undefined ? {} : { SecureMobilePhone: p });
    await refusedWith(send(), 'MissingSecureMobilePhone', 409);
    await refusedWith(send('12025550123'), 'InvalidParameter.SecureMobilePhone');
    await refusedWith(send('86-13800138000'), 'InvalidParameter.MobileCountryCode', 409);
    await send('1-2025550179');
    await refusedWith(send('1-2025550179'), 'SendValidateCodeExceedsLimitForAccount', 409);
  });
});

describe('SetMemberDeletionPermission and DestroyResourceDirectory', () => {
  it('stores the switch that GetResourceDirectory reports', async () => {
    const a = await newStandaloneAccount(h);
    await enable(a);
    const set = await rm(a).setMemberDeletionPermission(
      new rmModels.SetMemberDeletionPermissionRequest({ status: 'Enabled' }),
    );
    expect(Object.keys(set.body.toMap()).sort()).toEqual(modelKeys(rmModels.SetMemberDeletionPermissionResponseBody));
    expect(set.body.memberDeletionStatus).toBe('Enabled');
    expect(set.body.managementAccountId).toBe(a.accountId);
    expect((await rm(a).getResourceDirectory()).body.resourceDirectory.memberDeletionStatus).toBe('Enabled');
    await rm(a).setMemberDeletionPermission(new rmModels.SetMemberDeletionPermissionRequest({ status: 'Disabled' }));
    expect((await rm(a).getResourceDirectory()).body.resourceDirectory.memberDeletionStatus).toBe('Disabled');
    for (const status of ['enabled', 'On', ''])
      await refusedWith(
        coreClient(h.host, a).call('SetMemberDeletionPermission', status ? { Status: status } : {}),
        status ? 'InvalidParameter' : 'MissingParameter',
        400,
      );
    const b = await newStandaloneAccount(h);
    await refusedWith(
      rm(b).setMemberDeletionPermission(new rmModels.SetMemberDeletionPermissionRequest({ status: 'Enabled' })),
      'ResourceDirectoryNotInUse',
      404,
    );
  });

  it('destroys an empty directory only', async () => {
    const a = await newStandaloneAccount(h);
    await enable(a);
    const core = coreClient(h.host, a);
    await core.call('CreateResourceAccount', { DisplayName: 'blocks destroy' });
    await refusedWith(rm(a).destroyResourceDirectory(), 'DeleteConflict.ResourceDirectory.Account', 409);
    const b = await newStandaloneAccount(h);
    await enable(b);
    const destroyed = await rm(b).destroyResourceDirectory();
    expect(Object.keys(destroyed.body.toMap())).toEqual(['RequestId']);
    await refusedWith(rm(b).getResourceDirectory(), 'ResourceDirectoryNotInUse', 404);
    await refusedWith(rm(b).destroyResourceDirectory(), 'ResourceDirectoryNotInUse', 404);
    // Enabled again from scratch.
    expect((await enable(b)).body.resourceDirectory.masterAccountId).toBe(b.accountId);
    const reader = await addRamUser(h, { accountId: b.accountId, policies: ['AliyunResourceDirectoryReadOnlyAccess'] });
    await refusedWith(coreClient(h.host, reader).call('DestroyResourceDirectory', {}), 'NoPermission', 403);
  });
});

describe('EnableResourceDirectory DryRun (2022-04-19)', () => {
  it('checks like a real call and writes nothing; the verification code stays valid', async () => {
    const a = await newStandaloneAccount(h);
    const core = coreClient(h.host, a);
    await refusedWith(
      core.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'true' }),
      'DryRunOperation',
      400,
    );
    await refusedWith(rm(a).getResourceDirectory(), 'ResourceDirectoryNotInUse', 404);
    await refusedWith(
      core.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'yes' }),
      'InvalidParameter.DryRun',
      400,
    );
    await core.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'false' });
    await refusedWith(
      core.call('EnableResourceDirectory', { EnableMode: 'CurrentAccount', DryRun: 'true' }),
      'EntityAlreadyExists.ResourceDirectory',
      409,
    );

    const c = await newStandaloneAccount(h);
    const phone = '1-2025550166';
    await rm(c).sendVerificationCodeForEnableRD(
      new rmModels.SendVerificationCodeForEnableRDRequest({ secureMobilePhone: phone }),
    );
    const sms = await waitForSms(h, phone);
    const req = {
      EnableMode: 'NewManagementAccount',
      MAName: 'dry-ma@rdadmin.aliyunid.com',
      MASecureMobilePhone: phone,
      VerificationCode: sms.code,
    };
    const cc = coreClient(h.host, c);
    const { MAName: _n, ...noName } = req;
    await refusedWith(
      cc.call('EnableResourceDirectory', { ...noName, DryRun: 'true' }),
      'InvalidParameter.ManagementAccountName',
    );
    await refusedWith(
      cc.call('EnableResourceDirectory', { ...req, MAName: 'new-ma@rdadmin.aliyunid.com', DryRun: 'true' }),
      'InvalidParameter.ManagementAccountName.AlreadyUsed',
    );
    await refusedWith(cc.call('EnableResourceDirectory', { ...req, DryRun: 'true' }), 'DryRunOperation', 400);
    await refusedWith(rm(c).getResourceDirectory(), 'ResourceDirectoryNotInUse', 404);
    const r = (await cc.call('EnableResourceDirectory', req)) as { ResourceDirectory: { MasterAccountName: string } };
    expect(r.ResourceDirectory.MasterAccountName).toBe('dry-ma@rdadmin.aliyunid.com');
  });
});
