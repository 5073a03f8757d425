/**
 * STS (2015-04-01) through the official @alicloud/sts20150401 SDK, and STS credentials used with
 * the Resource Directory clients (ACS3 header token and V1 SecurityToken parameter): AssumeRole
 * rules, GetCallerIdentity, session-policy narrowing, token expiry/mismatch, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../support/harness.js';
import {
  coreClient,
  productClient,
  ramClient,
  ramModels as R,
  rmModels,
  stsClient,
  stsModels as S,
  type Creds,
} from '../support/clients.js';
import {
  addAccountWithDirectory,
  addRamUser,
  addResourceAccountMember,
  type RamUserKey,
} from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';
import { ManualClock } from '../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
let root: ReturnType<typeof ramClient>;
let operator: RamUserKey;
let uid: string;
const trust = (principals: string[]) =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals } }],
  });
const roleArn = (name: string) => `acs:ram::${uid}:role/${name}`;

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
  uid = h.boot.managementAccountId;
  root = ramClient(h.host, h.boot.root);
  await root.createRole(
    new R.CreateRoleRequest({
      roleName: 'rd-operator',
      assumeRolePolicyDocument: trust([`acs:ram::${uid}:root`]),
      maxSessionDuration: 7200,
    }),
  );
  await root.attachPolicyToRole(
    new R.AttachPolicyToRoleRequest({
      roleName: 'rd-operator',
      policyType: 'System',
      policyName: 'AliyunResourceDirectoryFullAccess',
    }),
  );
  await root.createRole(
    new R.CreateRoleRequest({ roleName: 'only-bob', assumeRolePolicyDocument: trust([`acs:ram::${uid}:user/bob`]) }),
  );
  operator = await addRamUser(h, { name: 'operator', policies: ['AliyunSTSAssumeRoleAccess'] });
});
afterAll(() => h.close());

async function assume(
  creds: Creds,
  opts: { role?: string; session?: string; duration?: number; policy?: string } = {},
) {
  const r = await stsClient(h.host, creds).assumeRole(
    new S.AssumeRoleRequest({
      roleArn: roleArn(opts.role ?? 'rd-operator'),
      roleSessionName: opts.session ?? 'alice-session',
      ...(opts.duration ? { durationSeconds: opts.duration } : {}),
      ...(opts.policy ? { policy: opts.policy } : {}),
    }),
  );
  return r.body;
}
const credsOf = (b: {
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
}): Creds => ({
  accessKeyId: b.credentials.accessKeyId,
  accessKeySecret: b.credentials.accessKeySecret,
  securityToken: b.credentials.securityToken,
});

describe('AssumeRole', () => {
  it('issues STS credentials for a trusted caller', async () => {
    const b = await assume(operator, { duration: 1800 });
    expect(b.credentials.accessKeyId).toMatch(/^STS\.[A-Za-z0-9]{20,}$/);
    expect(b.credentials.accessKeySecret.length).toBeGreaterThanOrEqual(30);
    expect(b.credentials.securityToken.length).toBeGreaterThan(64);
    expect(b.credentials.expiration).toBe(new Date(clock.now() + 1800_000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(b.assumedRoleUser.arn).toBe(`acs:ram::${uid}:role/rd-operator/alice-session`);
    const role = (await root.getRole(new R.GetRoleRequest({ roleName: 'rd-operator' }))).body.role;
    expect(b.assumedRoleUser.assumedRoleId).toBe(`${role.roleId}:alice-session`);
    const who = (await stsClient(h.host, credsOf(b)).getCallerIdentity()).body;
    expect(who).toMatchObject({
      accountId: uid,
      identityType: 'AssumedRoleUser',
      arn: `acs:ram::${uid}:assumed-role/rd-operator/alice-session`,
      roleId: role.roleId,
      principalId: `${role.roleId}:alice-session`,
    });
  });

  it('GetCallerIdentity for root and RAM users', async () => {
    expect((await stsClient(h.host, h.boot.root).getCallerIdentity()).body).toMatchObject({
      identityType: 'Account',
      arn: `acs:ram::${uid}:root`,
      accountId: uid,
    });
    expect((await stsClient(h.host, h.boot.admin, 'v2').getCallerIdentity()).body).toMatchObject({
      identityType: 'RAMUser',
      arn: h.boot.admin.principal,
    });
  });

  it('refusals: root, no sts:AssumeRole, untrusted, unknown role, bad ARN, duration, session, policy', async () => {
    const e = await refusedWith(assume(h.boot.root), 'NoPermission', 403);
    expect(e.data.Message).toContain('root');
    const noRight = await addRamUser(h, { name: 'no-sts' });
    expect((await refusedWith(assume(noRight), 'NoPermission', 403)).data.Message).toContain('sts:AssumeRole');
    expect((await refusedWith(assume(operator, { role: 'only-bob' }), 'NoPermission', 403)).data.Message).toContain(
      'trust policy',
    );
    await refusedWith(assume(operator, { role: 'no-such-role' }), 'EntityNotExist.Role', 404);
    await refusedWith(
      stsClient(h.host, operator).assumeRole(
        new S.AssumeRoleRequest({ roleArn: 'acs:ram::1:role', roleSessionName: 'abc' }),
      ),
      'InvalidParameter.RoleArn',
      400,
    );
    await refusedWith(assume(operator, { duration: 899 }), 'InvalidParameter.DurationSeconds', 400);
    await refusedWith(assume(operator, { duration: 7201 }), 'InvalidParameter.DurationSeconds', 400);
    await refusedWith(assume(operator, { session: 'a' }), 'InvalidParameter.RoleSessionName', 400);
    await refusedWith(assume(operator, { session: 'bad name' }), 'InvalidParameter.RoleSessionName', 400);
    const grammar = await refusedWith(
      assume(operator, { policy: '{"Version":"1","Statement":[{"Effect":"Allow"}]}' }),
      'InvalidParameter.PolicyGrammar',
      400,
    );
    expect(grammar.data.Message).toContain('Statement[0]');
  });

  it('a user of another account named by the trust policy can assume the role; others cannot', async () => {
    const other = await addAccountWithDirectory(h);
    const outsider = await addRamUser(h, {
      accountId: other.managementAccountId,
      name: 'outsider',
      policies: ['AliyunSTSAssumeRoleAccess'],
    });
    await refusedWith(assume(outsider), 'NoPermission', 403);
    await root.createRole(
      new R.CreateRoleRequest({ roleName: 'partner', assumeRolePolicyDocument: trust([other.managementAccountId]) }),
    );
    expect((await assume(outsider, { role: 'partner' })).assumedRoleUser.arn).toBe(
      `acs:ram::${uid}:role/partner/alice-session`,
    );
  });
});

describe('trust policy conditions', () => {
  it('sts:ExternalId and acs:SourceIp conditions in the trust policy are evaluated', async () => {
    const doc = {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [uid] },
          Condition: { StringEquals: { 'sts:ExternalId': 'abc-123' }, IpAddress: { 'acs:SourceIp': '127.0.0.0/8' } },
        },
      ],
    };
    await root.createRole(
      new R.CreateRoleRequest({ roleName: 'external', assumeRolePolicyDocument: JSON.stringify(doc) }),
    );
    const call = (externalId?: string) =>
      stsClient(h.host, operator).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: roleArn('external'),
          roleSessionName: 'ext',
          ...(externalId ? { externalId } : {}),
        }),
      );
    await refusedWith(call(), 'NoPermission', 403);
    await refusedWith(call('wrong'), 'NoPermission', 403);
    expect((await call('abc-123')).body.credentials.accessKeyId).toMatch(/^STS\./);
  });
});

describe('the secure-phone operations under an assumed role', () => {
  it('allowed with FullAccess, audited as the assumed role (ACS3 header token and V1 SecurityToken)', async () => {
    const creds = credsOf(await assume(operator, { session: 'phone-ops' }));
    const member = await addResourceAccountMember(h);
    const phone = '1-2025550177';
    await productClient(h.host, creds).sendVerificationCodeForBindSecureMobilePhone(
      new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({ accountId: member, secureMobilePhone: phone }),
    );
    await h.app.worker.pass();
    const sms = await waitForSms(h, phone);
    await productClient(h.host, creds, 'v2').bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId: member,
        secureMobilePhone: phone,
        verificationCode: sms.code,
      }),
    );
    const events = (await h.app.store.audit.recent(50)).filter((e) => e.target_account_id === member);
    expect(events.map((e) => [e.action, e.result_code, e.principal_arn, e.access_key_id])).toEqual(
      expect.arrayContaining([
        [
          'SendVerificationCodeForBindSecureMobilePhone',
          'OK',
          `acs:ram::${uid}:assumed-role/rd-operator/phone-ops`,
          creds.accessKeyId,
        ],
        ['BindSecureMobilePhone', 'OK', `acs:ram::${uid}:assumed-role/rd-operator/phone-ops`, creds.accessKeyId],
      ]),
    );
  });

  it('a session policy narrows the role: Send allowed, Bind refused', async () => {
    const policy = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone', Resource: '*' },
      ],
    });
    const creds = credsOf(await assume(operator, { session: 'narrow', policy }));
    const member = await addResourceAccountMember(h);
    const c = coreClient(h.host, creds);
    expect(
      (
        await c.call('SendVerificationCodeForBindSecureMobilePhone', {
          AccountId: member,
          SecureMobilePhone: '1-2025550178',
        })
      ).ExpirationDate,
    ).toBeDefined();
    const e = await refusedWith(
      c.call('BindSecureMobilePhone', {
        AccountId: member,
        SecureMobilePhone: '1-2025550178',
        VerificationCode: '000000',
      }),
      'NoPermission',
      403,
    );
    expect(e.data.Message).toContain('resourcemanager:BindSecureMobilePhone');
  });
});

describe('STS token handling', () => {
  it('missing, foreign and expired tokens are refused; a permanent key takes no token', async () => {
    const a = credsOf(await assume(operator, { session: 'token-a', duration: 900 }));
    const b = credsOf(await assume(operator, { session: 'token-b' }));
    const { securityToken: _t, ...noToken } = a;
    await refusedWith(stsClient(h.host, noToken).getCallerIdentity(), 'MissingSecurityToken', 400);
    await refusedWith(
      stsClient(h.host, { ...a, securityToken: b.securityToken! }).getCallerIdentity(),
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
    );
    await refusedWith(
      stsClient(h.host, { ...h.boot.admin, securityToken: a.securityToken! }).getCallerIdentity(),
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
    );
    await refusedWith(
      stsClient(h.host, { ...a, accessKeySecret: 'wrong-secret' }).getCallerIdentity(),
      'SignatureDoesNotMatch',
      400,
    );
    await stsClient(h.host, a).getCallerIdentity();
    clock.advance(900_000);
    await refusedWith(stsClient(h.host, a).getCallerIdentity(), 'InvalidSecurityToken.Expired', 400);
    await refusedWith(coreClient(h.host, a).call('GetResourceDirectory', {}), 'InvalidSecurityToken.Expired', 400);
    await stsClient(h.host, b).getCallerIdentity();
  });

  it('deleting the role ends its sessions at once', async () => {
    await root.createRole(new R.CreateRoleRequest({ roleName: 'short-lived', assumeRolePolicyDocument: trust([uid]) }));
    const c = credsOf(await assume(operator, { role: 'short-lived' }));
    await stsClient(h.host, c).getCallerIdentity();
    await root.deleteRole(new R.DeleteRoleRequest({ roleName: 'short-lived' }));
    await refusedWith(stsClient(h.host, c).getCallerIdentity(), 'InvalidAccessKeyId.NotFound', 404);
  });
});
