/**
 * ResourceDirectoryAccountAccessRole: the management account reaches created members through STS, then acts in them
 * through RAM.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, ramClient, ramModels, stsClient, stsModels, type Creds } from '../../support/clients.js';
import { refusedWith } from '../../support/sdk-error.js';
import { addRamUser } from '../../support/principals.js';
import { newStandaloneAccount } from '../../support/standalone.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(async () => {
  await h.close();
});

const roleArn = (accountId: string, name = 'resourcedirectoryaccountaccessrole') =>
  `acs:ram::${accountId}:role/${name}`;

async function assume(creds: Creds, arn: string): Promise<Creds> {
  const r = await stsClient(h.host, creds).assumeRole(
    new stsModels.AssumeRoleRequest({ roleArn: arn, roleSessionName: 'rd-access' }),
  );
  const c = r.body.credentials;
  expect(r.body.assumedRoleUser.arn).toBe(`${arn.toLowerCase()}/rd-access`);
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
}

describe('ResourceDirectoryAccountAccessRole', () => {
  it('exists in the demo member, trusts the management account and holds AdministratorAccess', async () => {
    const operator = await addRamUser(h, { policies: ['AliyunSTSAssumeRoleAccess'] });
    const inside = await assume(operator, roleArn(h.boot.member.accountId));
    const ram = ramClient(h.host, inside);
    const role = (await ram.getRole(new ramModels.GetRoleRequest({ roleName: 'ResourceDirectoryAccountAccessRole' })))
      .body.role;
    expect(role.arn).toBe(roleArn(h.boot.member.accountId));
    expect(JSON.parse(role.assumeRolePolicyDocument).Statement[0].Principal.RAM).toEqual([
      `acs:ram::${h.boot.managementAccountId}:root`,
    ]);
    const policies = await ram.listPoliciesForRole(
      new ramModels.ListPoliciesForRoleRequest({ roleName: 'ResourceDirectoryAccountAccessRole' }),
    );
    expect(policies.body.policies.policy.map((p: { policyName: string }) => p.policyName)).toEqual([
      'AdministratorAccess',
    ]);
    // RAM calls land in the member, not in the management account.
    await ram.createUser(new ramModels.CreateUserRequest({ userName: 'made-by-management' }));
    const users = (await ram.listUsers(new ramModels.ListUsersRequest({}))).body.users.user;
    expect(users.map((u: { userName: string }) => u.userName)).toContain('made-by-management');
    expect(await h.app.store.identity.getUser(h.boot.member.accountId, 'made-by-management')).toBeDefined();
    expect(await h.app.store.identity.getUser(h.boot.managementAccountId, 'made-by-management')).toBeUndefined();
  });

  it('is created with every CreateResourceAccount member, either version, matched case-insensitively', async () => {
    const operator = await addRamUser(h, {
      policies: ['AliyunSTSAssumeRoleAccess', 'AliyunResourceDirectoryFullAccess'],
    });
    for (const version of ['2020-03-31', '2022-04-19']) {
      const created = await coreClient(h.host, operator).call(
        'CreateResourceAccount',
        { DisplayName: `role member ${version}` },
        version,
      );
      const id = (created.Account as Record<string, string>).AccountId!;
      const inside = await assume(operator, roleArn(id, 'ResourceDirectoryAccountAccessRole'));
      const me = (await stsClient(h.host, inside).getCallerIdentity()).body;
      expect(me.accountId).toBe(id);
      expect(me.identityType).toBe('AssumedRoleUser');
    }
  });

  it('refuses the root identity, other accounts’ identities, management users without sts:AssumeRole', async () => {
    const arn = roleArn(h.boot.member.accountId);
    const req = new stsModels.AssumeRoleRequest({ roleArn: arn, roleSessionName: 'intruder' });
    await refusedWith(stsClient(h.host, h.boot.root).assumeRole(req), 'NoPermission', 403);
    const outsider = await newStandaloneAccount(h);
    const outsiderAdmin = await addRamUser(h, { accountId: outsider.accountId, policies: ['AdministratorAccess'] });
    await refusedWith(stsClient(h.host, outsiderAdmin).assumeRole(req), 'NoPermission', 403);
    const rdOnly = await addRamUser(h, { policies: ['AliyunResourceDirectoryFullAccess'] });
    await refusedWith(stsClient(h.host, rdOnly).assumeRole(req), 'NoPermission', 403);
  });
});
