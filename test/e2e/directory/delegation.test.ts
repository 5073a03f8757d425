/**
 * Delegated administrators through the official clients (2020-03-31 product SDK, generic client on
 * 2022-04-19): register, list, deregister; the trusted-service data; every documented error; the
 * per-service limit under races; permissions; hostile input; the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels as RM } from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
  addCloudAccountMember,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';
import { trustedServices } from '../../../src/domain/directory/trusted-services.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const register = (AccountId: string, ServicePrincipal: string, version = '2022-04-19') =>
  core.call('RegisterDelegatedAdministrator', { AccountId, ServicePrincipal }, version);
const deregister = (AccountId: string, ServicePrincipal: string) =>
  core.call('DeregisterDelegatedAdministrator', { AccountId, ServicePrincipal });
const admins = async (ServicePrincipal: string) =>
  (((await core.call('ListDelegatedAdministrators', { ServicePrincipal })).Accounts as Json).Account as Json[]).map(
    (a) => a.AccountId,
  );

describe('the trusted services are data', () => {
  it('lists service principals with their limits', () => {
    const s = trustedServices();
    for (const p of ['cloudfw.aliyuncs.com', 'config.aliyuncs.com', 'actiontrail.aliyuncs.com']) {
      expect(s.get(p)?.maxDelegatedAdministrators).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('delegated administrators through the 2020-03-31 SDK', () => {
  it('register, list, services of an account, trusted-service status, deregister', async () => {
    const sdk = productClient(h.host, h.boot.admin);
    const m = await addResourceAccountMember(h, h.boot, 'delegate one');
    const reg = await sdk.registerDelegatedAdministrator(
      new RM.RegisterDelegatedAdministratorRequest({ accountId: m, servicePrincipal: 'config.aliyuncs.com' }),
    );
    expect(reg.body.requestId).toBeTypeOf('string');
    const list = await sdk.listDelegatedAdministrators(
      new RM.ListDelegatedAdministratorsRequest({ servicePrincipal: 'config.aliyuncs.com' }),
    );
    expect(list.body).toMatchObject({ totalCount: 1, pageNumber: 1, pageSize: 10 });
    expect(list.body.accounts.account[0]).toMatchObject({
      accountId: m,
      displayName: 'delegate one',
      joinMethod: 'created',
      servicePrincipal: 'config.aliyuncs.com',
    });
    expect(Date.parse(list.body.accounts.account[0].delegationEnabledTime)).not.toBeNaN();
    const services = await sdk.listDelegatedServicesForAccount(
      new RM.ListDelegatedServicesForAccountRequest({ accountId: m }),
    );
    expect(services.body.delegatedServices.delegatedService).toEqual([
      expect.objectContaining({ servicePrincipal: 'config.aliyuncs.com', status: 'ENABLED' }),
    ]);
    const status = await sdk.listTrustedServiceStatus(new RM.ListTrustedServiceStatusRequest({ adminAccountId: m }));
    expect(status.body.totalCount).toBe(1);
    expect(status.body.enabledServicePrincipals.enabledServicePrincipal[0].servicePrincipal).toBe(
      'config.aliyuncs.com',
    );
    await sdk.deregisterDelegatedAdministrator(
      new RM.DeregisterDelegatedAdministratorRequest({ accountId: m, servicePrincipal: 'config.aliyuncs.com' }),
    );
    expect(await admins('config.aliyuncs.com')).toEqual([]);
  });
});

describe('2022-04-19', () => {
  it('every field of the SDK models is returned', async () => {
    const m = await addResourceAccountMember(h);
    expectModelFields(await register(m, 'hbr.aliyuncs.com'), 'RegisterDelegatedAdministratorResponseBody');
    const list = await core.call('ListDelegatedAdministrators', {});
    expectModelFields(list, 'ListDelegatedAdministratorsResponseBody');
    expectModelFields(
      ((list.Accounts as Json).Account as Json[])[0],
      'ListDelegatedAdministratorsResponseBodyAccountsAccount',
    );
    const services = await core.call('ListDelegatedServicesForAccount', { AccountId: m });
    expectModelFields(services, 'ListDelegatedServicesForAccountResponseBody');
    expectModelFields(
      ((services.DelegatedServices as Json).DelegatedService as Json[])[0],
      'ListDelegatedServicesForAccountResponseBodyDelegatedServicesDelegatedService',
    );
    const status = await core.call('ListTrustedServiceStatus', {});
    expectModelFields(status, 'ListTrustedServiceStatusResponseBody');
    expectModelFields(
      ((status.EnabledServicePrincipals as Json).EnabledServicePrincipal as Json[])[0],
      'ListTrustedServiceStatusResponseBodyEnabledServicePrincipalsEnabledServicePrincipal',
    );
    expectModelFields(await deregister(m, 'hbr.aliyuncs.com'), 'DeregisterDelegatedAdministratorResponseBody');
  });

  it('every documented error', async () => {
    const m = await addResourceAccountMember(h);
    const other = await addAccountWithDirectory(h);
    const theirs = await addResourceAccountMember(h, other);
    await register(m, 'cloudsso.aliyuncs.com');
    await refusedWith(register(m, 'cloudsso.aliyuncs.com'), 'AccountAlreadyRegistered', 409);
    const n = await addResourceAccountMember(h);
    await refusedWith(register(n, 'cloudsso.aliyuncs.com'), 'AccountNumberExceeded', 409);
    await refusedWith(register(n, 'ecs.aliyuncs.com'), 'InvalidParameter.ServicePrincipal', 400);
    await refusedWith(register('1999999999999999', 'cms.aliyuncs.com'), 'EntityNotExists.Account', 404);
    await refusedWith(register(h.boot.managementAccountId, 'cms.aliyuncs.com'), 'AccountTypeMismatch', 409);
    await refusedWith(register(theirs, 'cms.aliyuncs.com'), 'NotSupport.AccountInAnotherResourceDirectory', 409);
    await refusedWith(deregister(n, 'cloudsso.aliyuncs.com'), 'AccountNotRegistered', 409);
    await refusedWith(deregister(n, 'nope.aliyuncs.com'), 'InvalidParameter.ServicePrincipal', 400);
    await refusedWith(
      core.call('ListDelegatedAdministrators', { ServicePrincipal: 'nope.aliyuncs.com' }),
      'InvalidParameter.ServicePrincipal',
      400,
    );
    await refusedWith(
      core.call('ListDelegatedServicesForAccount', { AccountId: '1999999999999999' }),
      'EntityNotExists.Account',
      404,
    );
    await refusedWith(
      core.call('RegisterDelegatedAdministrator', { AccountId: m }),
      'MissingParameter.ServicePrincipal',
      400,
    );
    await refusedWith(
      core.call('RegisterDelegatedAdministrator', { ServicePrincipal: 'cms.aliyuncs.com' }),
      'MissingParameter.AccountId',
      400,
    );
    for (const bad of ['CMS.aliyuncs.com', 'a b', 'x\u202e.com', '../etc', "a'; drop", 'x'.repeat(200)]) {
      await refusedWith(register(m, bad), 'InvalidParameter.ServicePrincipal', 400);
    }
    for (const bad of ['123', 'abc', `${m}0`])
      await refusedWith(register(bad, 'cms.aliyuncs.com'), 'InvalidParameter.AccountId', 400);
    await refusedWith(core.call('ListTrustedServiceStatus', { PageSize: '101' }), 'InvalidParameter.PageSize', 400);
    expect(await admins('cloudsso.aliyuncs.com')).toEqual([m]);
  });

  it('a member that leaves the directory is no longer listed', async () => {
    const m = await addResourceAccountMember(h);
    await register(m, 'waf.aliyuncs.com');
    expect(await admins('waf.aliyuncs.com')).toEqual([m]);
    expect(await h.app.store.lifecycle.removeMember(m, h.boot.resourceDirectoryId)).toBe(true);
    expect(await admins('waf.aliyuncs.com')).toEqual([]);
    expect((await core.call('ListTrustedServiceStatus', {})).EnabledServicePrincipals).toEqual({
      EnabledServicePrincipal: expect.not.arrayContaining([
        expect.objectContaining({ ServicePrincipal: 'waf.aliyuncs.com' }),
      ]),
    });
    const n = await addResourceAccountMember(h);
    await register(n, 'waf.aliyuncs.com');
  });
});

describe('a delegated administrator cannot leave the directory', () => {
  it('RemoveCloudAccount answers Deny.TrustedService, CheckAccountDelete and DeleteAccount the conflict', async () => {
    const invited = await addCloudAccountMember(h);
    await register(invited, 'bastionhost.aliyuncs.com');
    await refusedWith(core.call('RemoveCloudAccount', { AccountId: invited }), 'Deny.TrustedService', 409);
    await deregister(invited, 'bastionhost.aliyuncs.com');
    await core.call('RemoveCloudAccount', { AccountId: invited });

    await core.call('SetMemberDeletionPermission', { Status: 'Enabled' });
    const created = await addResourceAccountMember(h);
    await register(created, 'actiontrail.aliyuncs.com');
    for (const action of ['CheckAccountDelete', 'DeleteAccount']) {
      await refusedWith(core.call(action, { AccountId: created }), 'RemoveConfilctAccountAsDelegatedAdministator', 409);
    }
    await deregister(created, 'actiontrail.aliyuncs.com');
    await core.call('CheckAccountDelete', { AccountId: created });
    await core.call('SetMemberDeletionPermission', { Status: 'Disabled' });
  });
});

describe('concurrency', () => {
  it('registrations racing a limit of one: exactly one wins', async () => {
    const members = await Promise.all(Array.from({ length: 4 }, () => addResourceAccountMember(h)));
    const results = await Promise.allSettled(members.map((m) => register(m, 'sas.aliyuncs.com')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('AccountNumberExceeded');
    expect(await admins('sas.aliyuncs.com')).toHaveLength(1);
  });

  it('one account registered twice at once: one wins, the other AccountAlreadyRegistered', async () => {
    const m = await addResourceAccountMember(h);
    const results = await Promise.allSettled([register(m, 'tag.aliyuncs.com'), register(m, 'tag.aliyuncs.com')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('AccountAlreadyRegistered');
  });
});

describe('permission', () => {
  it('read-only access may list but not register; a member account may do neither', async () => {
    const m = await addResourceAccountMember(h);
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    await ro.call('ListDelegatedAdministrators', {});
    await ro.call('ListTrustedServiceStatus', {});
    await ro.call('ListDelegatedServicesForAccount', { AccountId: m });
    for (const action of ['RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator']) {
      const e = await refusedWith(
        ro.call(action, { AccountId: m, ServicePrincipal: 'cms.aliyuncs.com' }),
        'NoPermission',
        403,
      );
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
    const member = coreClient(h.host, await addAccessKey(h, h.boot.member.accountId, null));
    await refusedWith(member.call('ListDelegatedAdministrators', {}), 'NoPermission', 403);
    await refusedWith(
      member.call('RegisterDelegatedAdministrator', {
        AccountId: h.boot.member.accountId,
        ServicePrincipal: 'cms.aliyuncs.com',
      }),
      'NoPermission',
      403,
    );
  });
});

describe('audit', () => {
  it('registrations and deregistrations are found by LookupEvents', async () => {
    const m = await addResourceAccountMember(h);
    await register(m, 'resourcecenter.aliyuncs.com', '2020-03-31');
    await deregister(m, 'resourcecenter.aliyuncs.com');
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = ev.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of ['RegisterDelegatedAdministrator', 'DeregisterDelegatedAdministrator']) expect(names).toContain(n);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
