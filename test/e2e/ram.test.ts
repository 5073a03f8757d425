/**
 * RAM (2015-05-01) through the official @alicloud/ram20150501 SDK over HTTP: users, AccessKeys,
 * roles, policies with versions, attachments, groups — happy paths, documented errors, and the
 * security cases (no RAM permission, disabled and deleted keys taking effect at once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, ramClient, ramModels as M, stsClient, type Creds } from '../support/clients.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
beforeAll(async () => {
  h = await startResdir();
  root = ramClient(h.host, h.boot.root);
});
afterAll(() => h.close());

const ALLOW_SEND = JSON.stringify({
  Version: '1',
  Statement: [
    { Effect: 'Allow', Action: 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone', Resource: '*' },
  ],
});
const ALLOW_ALL = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

describe('users', () => {
  it('create, get, update (rename keeps keys), list, delete', async () => {
    const created = await root.createUser(
      new M.CreateUserRequest({
        userName: 'alice',
        displayName: 'Alice',
        comments: 'ops',
        email: 'alice@example.com',
        mobilePhone: '86-18600008888',
      }),
    );
    expect(created.body.user).toMatchObject({
      userName: 'alice',
      displayName: 'Alice',
      comments: 'ops',
      email: 'alice@example.com',
      mobilePhone: '86-18600008888',
    });
    expect(created.body.user.userId).toMatch(/^\d{16}$/);
    expect(created.body.user.createDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const key = (await root.createAccessKey(new M.CreateAccessKeyRequest({ userName: 'alice' }))).body.accessKey;
    const got = await root.getUser(new M.GetUserRequest({ userName: 'alice' }));
    expect(got.body.user.userId).toBe(created.body.user.userId);
    const renamed = await root.updateUser(
      new M.UpdateUserRequest({ userName: 'alice', newUserName: 'alice2', newDisplayName: 'Alice Two' }),
    );
    expect(renamed.body.user).toMatchObject({ userName: 'alice2', displayName: 'Alice Two' });
    const who = await stsClient(h.host, {
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
    }).getCallerIdentity();
    expect(who.body.arn).toBe(`acs:ram::${h.boot.managementAccountId}:user/alice2`);
    const list = await root.listUsers(new M.ListUsersRequest({}));
    expect(list.body.users.user.map((u: { userName: string }) => u.userName)).toEqual(
      expect.arrayContaining(['alice2', 'rd-admin']),
    );
    await refusedWith(
      root.deleteUser(new M.DeleteUserRequest({ userName: 'alice2' })),
      'DeleteConflict.User.AccessKey',
      409,
    );
    await root.deleteAccessKey(new M.DeleteAccessKeyRequest({ userName: 'alice2', userAccessKeyId: key.accessKeyId }));
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({
        userName: 'alice2',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryReadOnlyAccess',
      }),
    );
    await refusedWith(
      root.deleteUser(new M.DeleteUserRequest({ userName: 'alice2' })),
      'DeleteConflict.User.Policy',
      409,
    );
    await root.detachPolicyFromUser(
      new M.DetachPolicyFromUserRequest({
        userName: 'alice2',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryReadOnlyAccess',
      }),
    );
    await root.deleteUser(new M.DeleteUserRequest({ userName: 'alice2' }));
    await refusedWith(root.getUser(new M.GetUserRequest({ userName: 'alice2' })), 'EntityNotExist.User', 404);
  });

  it('errors: duplicate, invalid name, missing name, unknown user, name taken on rename', async () => {
    await root.createUser(new M.CreateUserRequest({ userName: 'bob' }));
    await root.createUser(new M.CreateUserRequest({ userName: 'carol' }));
    await refusedWith(root.createUser(new M.CreateUserRequest({ userName: 'bob' })), 'EntityAlreadyExists.User', 409);
    await refusedWith(
      root.createUser(new M.CreateUserRequest({ userName: 'bad name!' })),
      'InvalidParameter.UserName.InvalidChars',
      400,
    );
    await refusedWith(root.createUser(new M.CreateUserRequest({})), 'MissingParameter', 400);
    await refusedWith(
      root.updateUser(new M.UpdateUserRequest({ userName: 'nobody', newDisplayName: 'x' })),
      'EntityNotExist.User',
      404,
    );
    await refusedWith(
      root.updateUser(new M.UpdateUserRequest({ userName: 'bob', newUserName: 'carol' })),
      'EntityAlreadyExists.User',
      409,
    );
  });

  it('ListUsers pages with Marker/MaxItems', async () => {
    for (const n of ['p1', 'p2', 'p3']) await root.createUser(new M.CreateUserRequest({ userName: `page-${n}` }));
    const names: string[] = [];
    let marker: string | undefined;
    for (let i = 0; i < 20; i++) {
      const r = await root.listUsers(new M.ListUsersRequest({ maxItems: 2, ...(marker ? { marker } : {}) }));
      names.push(...r.body.users.user.map((u: { userName: string }) => u.userName));
      if (!r.body.isTruncated) break;
      marker = r.body.marker;
    }
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['page-p1', 'page-p2', 'page-p3', 'rd-admin']));
    expect(new Set(names).size).toBe(names.length);
    await refusedWith(root.listUsers(new M.ListUsersRequest({ marker: 'garbage' })), 'InvalidParameter.Marker', 400);
  });
});

describe('AccessKeys', () => {
  it('shown once, at most two, disabling and deleting take effect on the next request', async () => {
    await root.createUser(new M.CreateUserRequest({ userName: 'keys' }));
    const k1 = (await root.createAccessKey(new M.CreateAccessKeyRequest({ userName: 'keys' }))).body.accessKey;
    const k2 = (await root.createAccessKey(new M.CreateAccessKeyRequest({ userName: 'keys' }))).body.accessKey;
    expect(k1.accessKeyId).toMatch(/^LTAI/);
    expect(k1.accessKeySecret).toHaveLength(30);
    expect(k1.status).toBe('Active');
    await refusedWith(
      root.createAccessKey(new M.CreateAccessKeyRequest({ userName: 'keys' })),
      'LimitExceeded.User.AccessKey',
      409,
    );
    const listed = (await root.listAccessKeys(new M.ListAccessKeysRequest({ userName: 'keys' }))).body.accessKeys
      .accessKey;
    expect(listed.map((k: { accessKeyId: string }) => k.accessKeyId).sort()).toEqual(
      [k1.accessKeyId, k2.accessKeyId].sort(),
    );
    expect(JSON.stringify(listed)).not.toContain(k1.accessKeySecret);

    const asKey = (k: { accessKeyId: string; accessKeySecret: string }): Creds => ({
      accessKeyId: k.accessKeyId,
      accessKeySecret: k.accessKeySecret,
    });
    await stsClient(h.host, asKey(k1)).getCallerIdentity();
    await root.updateAccessKey(
      new M.UpdateAccessKeyRequest({ userName: 'keys', userAccessKeyId: k1.accessKeyId, status: 'Inactive' }),
    );
    await refusedWith(stsClient(h.host, asKey(k1)).getCallerIdentity(), 'InvalidAccessKeyId.Inactive', 400);
    await root.updateAccessKey(
      new M.UpdateAccessKeyRequest({ userName: 'keys', userAccessKeyId: k1.accessKeyId, status: 'Active' }),
    );
    await stsClient(h.host, asKey(k1)).getCallerIdentity();
    await root.deleteAccessKey(new M.DeleteAccessKeyRequest({ userName: 'keys', userAccessKeyId: k2.accessKeyId }));
    await refusedWith(stsClient(h.host, asKey(k2)).getCallerIdentity(), 'InvalidAccessKeyId.NotFound', 404);

    await refusedWith(
      root.updateAccessKey(
        new M.UpdateAccessKeyRequest({ userName: 'keys', userAccessKeyId: k1.accessKeyId, status: 'Paused' }),
      ),
      'InvalidParameter.Status',
      400,
    );
    await refusedWith(
      root.deleteAccessKey(
        new M.DeleteAccessKeyRequest({ userName: 'keys', userAccessKeyId: 'LTAI5tNoSuchKey000000000' }),
      ),
      'EntityNotExist.User.AccessKey',
      404,
    );
    await refusedWith(
      root.deleteAccessKey(new M.DeleteAccessKeyRequest({ userName: 'rd-admin', userAccessKeyId: k1.accessKeyId })),
      'EntityNotExist.User.AccessKey',
      404,
    );
    await refusedWith(
      root.listAccessKeys(new M.ListAccessKeysRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    );
  });

  it('a RAM user manages its own keys when UserName is omitted', async () => {
    const self = await addRamUser(h, { name: 'selfkeys', policies: ['AliyunRAMFullAccess'] });
    const c = ramClient(h.host, self);
    const mine = (await c.listAccessKeys(new M.ListAccessKeysRequest({}))).body.accessKeys.accessKey;
    expect(mine.map((k: { accessKeyId: string }) => k.accessKeyId)).toEqual([self.accessKeyId]);
  });
});

describe('roles', () => {
  const trust = (uid: string) =>
    JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${uid}:root`] } }],
    });
  it('create, get, list, delete; conflicts and malformed trust policies', async () => {
    const r = await root.createRole(
      new M.CreateRoleRequest({
        roleName: 'Operator',
        assumeRolePolicyDocument: trust(h.boot.managementAccountId),
        description: 'ops',
        maxSessionDuration: 7200,
      }),
    );
    expect(r.body.role).toMatchObject({
      roleName: 'Operator',
      arn: `acs:ram::${h.boot.managementAccountId}:role/operator`,
      maxSessionDuration: 7200,
      description: 'ops',
    });
    expect(
      (await root.getRole(new M.GetRoleRequest({ roleName: 'operator' }))).body.role.assumeRolePolicyDocument,
    ).toBe(trust(h.boot.managementAccountId));
    expect(
      (await root.listRoles(new M.ListRolesRequest({}))).body.roles.role.map((x: { roleName: string }) => x.roleName),
    ).toContain('Operator');
    await refusedWith(
      root.createRole(
        new M.CreateRoleRequest({ roleName: 'operator', assumeRolePolicyDocument: trust('1000000000000001') }),
      ),
      'EntityAlreadyExists.Role',
      409,
    );
    const bad = await refusedWith(
      root.createRole(new M.CreateRoleRequest({ roleName: 'bad', assumeRolePolicyDocument: ALLOW_ALL })),
      'MalformedPolicyDocument',
      400,
    );
    expect(bad.data.Message).toMatch(/Statement\[0\]/);
    await refusedWith(
      root.createRole(
        new M.CreateRoleRequest({
          roleName: 'long',
          assumeRolePolicyDocument: trust('1000000000000001'),
          maxSessionDuration: 99999,
        }),
      ),
      'InvalidParameter.MaxSessionDuration',
      400,
    );
    await root.attachPolicyToRole(
      new M.AttachPolicyToRoleRequest({
        roleName: 'Operator',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryFullAccess',
      }),
    );
    await refusedWith(
      root.attachPolicyToRole(
        new M.AttachPolicyToRoleRequest({
          roleName: 'Operator',
          policyType: 'System',
          policyName: 'AliyunResourceDirectoryFullAccess',
        }),
      ),
      'EntityAlreadyExists.Role.Policy',
      409,
    );
    const forRole = (await root.listPoliciesForRole(new M.ListPoliciesForRoleRequest({ roleName: 'Operator' }))).body
      .policies.policy;
    expect(forRole).toEqual([
      expect.objectContaining({
        policyName: 'AliyunResourceDirectoryFullAccess',
        policyType: 'System',
        defaultVersion: 'v1',
      }),
    ]);
    await refusedWith(
      root.deleteRole(new M.DeleteRoleRequest({ roleName: 'Operator' })),
      'DeleteConflict.Role.Policy',
      409,
    );
    await root.detachPolicyFromRole(
      new M.DetachPolicyFromRoleRequest({
        roleName: 'Operator',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryFullAccess',
      }),
    );
    await refusedWith(
      root.detachPolicyFromRole(
        new M.DetachPolicyFromRoleRequest({
          roleName: 'Operator',
          policyType: 'System',
          policyName: 'AliyunResourceDirectoryFullAccess',
        }),
      ),
      'EntityNotExist.Role.Policy',
      404,
    );
    await root.deleteRole(new M.DeleteRoleRequest({ roleName: 'Operator' }));
    await refusedWith(root.getRole(new M.GetRoleRequest({ roleName: 'Operator' })), 'EntityNotExist.Role', 404);
  });
});

describe('policies', () => {
  it('system policies exist in every account, with their documents', async () => {
    const list = (
      await root.listPolicies(new M.ListPoliciesRequest({ policyType: 'System' }))
    ).body.policies.policy.map((p: { policyName: string }) => p.policyName);
    expect(list).toEqual(
      expect.arrayContaining([
        'AdministratorAccess',
        'AliyunResourceDirectoryFullAccess',
        'AliyunResourceDirectoryReadOnlyAccess',
        'AliyunRAMFullAccess',
        'AliyunSTSAssumeRoleAccess',
      ]),
    );
    const ro = await root.getPolicy(
      new M.GetPolicyRequest({ policyName: 'AliyunResourceDirectoryReadOnlyAccess', policyType: 'System' }),
    );
    expect(JSON.parse(ro.body.defaultPolicyVersion.policyDocument)).toEqual({
      Version: '1',
      Statement: [{ Action: ['resourcemanager:Get*', 'resourcemanager:List*'], Resource: '*', Effect: 'Allow' }],
    });
    await refusedWith(
      root.getPolicy(new M.GetPolicyRequest({ policyName: 'NoSuchPolicy', policyType: 'System' })),
      'EntityNotExist.Policy',
      404,
    );
    await refusedWith(
      root.getPolicy(new M.GetPolicyRequest({ policyName: 'AdministratorAccess', policyType: 'Other' })),
      'InvalidParameter.PolicyType',
      400,
    );
  });

  it('custom policy lifecycle: versions, default, limit, rotation, delete conflicts, cascading delete', async () => {
    const created = await root.createPolicy(
      new M.CreatePolicyRequest({ policyName: 'SendOnly', policyDocument: ALLOW_SEND, description: 'send only' }),
    );
    expect(created.body.policy).toMatchObject({
      policyName: 'SendOnly',
      policyType: 'Custom',
      defaultVersion: 'v1',
      description: 'send only',
    });
    await refusedWith(
      root.createPolicy(new M.CreatePolicyRequest({ policyName: 'SendOnly', policyDocument: ALLOW_SEND })),
      'EntityAlreadyExists.Policy',
      409,
    );
    const malformed = await refusedWith(
      root.createPolicy(
        new M.CreatePolicyRequest({
          policyName: 'Bad',
          policyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"Bind","Resource":"*"}]}',
        }),
      ),
      'MalformedPolicyDocument',
      400,
    );
    expect(malformed.data.Message).toContain('Statement[0].Action[0]');
    const v2 = await root.createPolicyVersion(
      new M.CreatePolicyVersionRequest({ policyName: 'SendOnly', policyDocument: ALLOW_ALL, setAsDefault: true }),
    );
    expect(v2.body.policyVersion).toMatchObject({ versionId: 'v2', isDefaultVersion: true });
    const got = await root.getPolicy(new M.GetPolicyRequest({ policyName: 'SendOnly', policyType: 'Custom' }));
    expect(got.body.policy.defaultVersion).toBe('v2');
    expect(got.body.defaultPolicyVersion.policyDocument).toBe(ALLOW_ALL);
    expect(
      (
        await root.getPolicyVersion(
          new M.GetPolicyVersionRequest({ policyName: 'SendOnly', policyType: 'Custom', versionId: 'v1' }),
        )
      ).body.policyVersion,
    ).toMatchObject({ versionId: 'v1', isDefaultVersion: false, policyDocument: ALLOW_SEND });
    await refusedWith(
      root.getPolicyVersion(
        new M.GetPolicyVersionRequest({ policyName: 'SendOnly', policyType: 'Custom', versionId: 'v9' }),
      ),
      'EntityNotExist.Policy.Version',
      404,
    );
    for (let i = 3; i <= 5; i++)
      await root.createPolicyVersion(
        new M.CreatePolicyVersionRequest({ policyName: 'SendOnly', policyDocument: ALLOW_SEND }),
      );
    await refusedWith(
      root.createPolicyVersion(
        new M.CreatePolicyVersionRequest({ policyName: 'SendOnly', policyDocument: ALLOW_SEND }),
      ),
      'LimitExceeded.Policy.Version',
      409,
    );
    const rotated = await root.createPolicyVersion(
      new M.CreatePolicyVersionRequest({
        policyName: 'SendOnly',
        policyDocument: ALLOW_SEND,
        rotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
      }),
    );
    expect(rotated.body.policyVersion.versionId).toBe('v6');
    await refusedWith(
      root.getPolicyVersion(
        new M.GetPolicyVersionRequest({ policyName: 'SendOnly', policyType: 'Custom', versionId: 'v1' }),
      ),
      'EntityNotExist.Policy.Version',
      404,
    );

    await root.createUser(new M.CreateUserRequest({ userName: 'holder' }));
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ userName: 'holder', policyType: 'Custom', policyName: 'SendOnly' }),
    );
    await refusedWith(
      root.attachPolicyToUser(
        new M.AttachPolicyToUserRequest({ userName: 'holder', policyType: 'Custom', policyName: 'SendOnly' }),
      ),
      'EntityAlreadyExists.User.Policy',
      409,
    );
    await refusedWith(
      root.attachPolicyToUser(
        new M.AttachPolicyToUserRequest({ userName: 'holder', policyType: 'Custom', policyName: 'Nope' }),
      ),
      'EntityNotExist.Policy',
      404,
    );
    await refusedWith(
      root.attachPolicyToUser(
        new M.AttachPolicyToUserRequest({ userName: 'ghost', policyType: 'Custom', policyName: 'SendOnly' }),
      ),
      'EntityNotExist.User',
      404,
    );
    const forUser = (await root.listPoliciesForUser(new M.ListPoliciesForUserRequest({ userName: 'holder' }))).body
      .policies.policy;
    expect(forUser).toEqual([
      expect.objectContaining({ policyName: 'SendOnly', policyType: 'Custom', defaultVersion: 'v2' }),
    ]);
    expect(
      (await root.getPolicy(new M.GetPolicyRequest({ policyName: 'SendOnly', policyType: 'Custom' }))).body.policy
        .attachmentCount,
    ).toBe(1);
    await refusedWith(
      root.deletePolicy(new M.DeletePolicyRequest({ policyName: 'SendOnly' })),
      'DeleteConflict.Policy.User',
      409,
    );
    await root.detachPolicyFromUser(
      new M.DetachPolicyFromUserRequest({ userName: 'holder', policyType: 'Custom', policyName: 'SendOnly' }),
    );
    await refusedWith(
      root.deletePolicy(new M.DeletePolicyRequest({ policyName: 'SendOnly' })),
      'DeleteConflict.Policy.Version',
      409,
    );
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ userName: 'holder', policyType: 'Custom', policyName: 'SendOnly' }),
    );
    await root.deletePolicy(new M.DeletePolicyRequest({ policyName: 'SendOnly', cascadingDelete: true }));
    expect(
      (await root.listPoliciesForUser(new M.ListPoliciesForUserRequest({ userName: 'holder' }))).body.policies.policy,
    ).toEqual([]);
    await refusedWith(
      root.deletePolicy(new M.DeletePolicyRequest({ policyName: 'SendOnly' })),
      'EntityNotExist.Policy',
      404,
    );
  });
});

describe('groups', () => {
  it("a group's policies apply to its users from the next request", async () => {
    const u = await addRamUser(h, { name: 'grouped' });
    const asUser = coreClient(h.host, u);
    await refusedWith(asUser.call('GetResourceDirectory', {}), 'NoPermission', 403);
    const g = await root.createGroup(new M.CreateGroupRequest({ groupName: 'readers', comments: 'read only' }));
    expect(g.body.group).toMatchObject({ groupName: 'readers', comments: 'read only' });
    await refusedWith(
      root.createGroup(new M.CreateGroupRequest({ groupName: 'readers' })),
      'EntityAlreadyExists.Group',
      409,
    );
    await root.addUserToGroup(new M.AddUserToGroupRequest({ groupName: 'readers', userName: 'grouped' }));
    await refusedWith(
      root.addUserToGroup(new M.AddUserToGroupRequest({ groupName: 'readers', userName: 'grouped' })),
      'EntityAlreadyExists.User.Group',
      409,
    );
    await refusedWith(
      root.addUserToGroup(new M.AddUserToGroupRequest({ groupName: 'nobody', userName: 'grouped' })),
      'EntityNotExist.Group',
      404,
    );
    await root.attachPolicyToGroup(
      new M.AttachPolicyToGroupRequest({
        groupName: 'readers',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryReadOnlyAccess',
      }),
    );
    expect((await asUser.call('GetResourceDirectory', {})).ResourceDirectory).toBeDefined();
    await refusedWith(
      root.deleteUser(new M.DeleteUserRequest({ userName: 'grouped' })),
      'DeleteConflict.User.AccessKey',
      409,
    );
  });
});

describe('RAM security', () => {
  it('a user without RAM rights is refused with the action named; V1 signatures work too', async () => {
    const plain = await addRamUser(h, { name: 'no-ram', policies: ['AliyunResourceDirectoryFullAccess'] });
    const e = await refusedWith(
      ramClient(h.host, plain).createUser(new M.CreateUserRequest({ userName: 'x' })),
      'NoPermission',
      403,
    );
    expect(e.data.Message).toContain('ram:CreateUser');
    const admin = await addRamUser(h, { name: 'ram-admin', policies: ['AliyunRAMFullAccess'] });
    const v1 = ramClient(h.host, admin, 'v2');
    expect((await v1.createUser(new M.CreateUserRequest({ userName: 'via-v1' }))).body.user.userName).toBe('via-v1');
    await refusedWith(
      ramClient(h.host, { ...admin, accessKeySecret: 'wrong' }).getUser(new M.GetUserRequest({ userName: 'via-v1' })),
      'SignatureDoesNotMatch',
      400,
    );
  });

  it('a user scoped to one user ARN can act on that user only', async () => {
    await root.createPolicy(
      new M.CreatePolicyRequest({
        policyName: 'OnlyBob',
        policyDocument: JSON.stringify({
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'ram:GetUser', Resource: `acs:ram:*:${h.boot.managementAccountId}:user/bob` },
          ],
        }),
      }),
    );
    const scoped = await addRamUser(h, { name: 'scoped' });
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ userName: 'scoped', policyType: 'Custom', policyName: 'OnlyBob' }),
    );
    const c = ramClient(h.host, scoped);
    expect((await c.getUser(new M.GetUserRequest({ userName: 'bob' }))).body.user.userName).toBe('bob');
    await refusedWith(c.getUser(new M.GetUserRequest({ userName: 'carol' })), 'NoPermission', 403);
  });
});

describe('documented errors of every RAM operation', () => {
  const cases: Array<[string, () => Promise<unknown>, string, number]> = [
    [
      'GetRole: invalid name',
      () => root.getRole(new M.GetRoleRequest({ roleName: 'bad/name' })),
      'InvalidParameter.RoleName.InvalidChars',
      400,
    ],
    [
      'DeleteRole: unknown',
      () => root.deleteRole(new M.DeleteRoleRequest({ roleName: 'ghost' })),
      'EntityNotExist.Role',
      404,
    ],
    [
      'ListRoles: bad marker',
      () => root.listRoles(new M.ListRolesRequest({ marker: 'x' })),
      'InvalidParameter.Marker',
      400,
    ],
    [
      'ListRoles: bad MaxItems',
      () => root.listRoles(new M.ListRolesRequest({ maxItems: 5000 })),
      'InvalidParameter.MaxItems',
      400,
    ],
    [
      'ListPolicies: bad type',
      () => root.listPolicies(new M.ListPoliciesRequest({ policyType: 'Managed' })),
      'InvalidParameter.PolicyType',
      400,
    ],
    [
      'GetPolicyVersion: bad version id',
      () =>
        root.getPolicyVersion(
          new M.GetPolicyVersionRequest({
            policyName: 'AdministratorAccess',
            policyType: 'System',
            versionId: 'latest',
          }),
        ),
      'InvalidParameter.VersionId',
      400,
    ],
    [
      'GetPolicyVersion: system has v1 only',
      () =>
        root.getPolicyVersion(
          new M.GetPolicyVersionRequest({ policyName: 'AdministratorAccess', policyType: 'System', versionId: 'v2' }),
        ),
      'EntityNotExist.Policy.Version',
      404,
    ],
    [
      'CreatePolicy: system name',
      () =>
        root.createPolicy(new M.CreatePolicyRequest({ policyName: 'AdministratorAccess', policyDocument: ALLOW_ALL })),
      'EntityAlreadyExists.Policy',
      409,
    ],
    [
      'CreatePolicy: invalid name',
      () => root.createPolicy(new M.CreatePolicyRequest({ policyName: 'bad_name', policyDocument: ALLOW_ALL })),
      'InvalidParameter.PolicyName.InvalidChars',
      400,
    ],
    [
      'CreatePolicyVersion: unknown policy',
      () =>
        root.createPolicyVersion(new M.CreatePolicyVersionRequest({ policyName: 'ghost', policyDocument: ALLOW_ALL })),
      'EntityNotExist.Policy',
      404,
    ],
    [
      'CreatePolicyVersion: malformed',
      () => root.createPolicyVersion(new M.CreatePolicyVersionRequest({ policyName: 'ghost', policyDocument: '[]' })),
      'MalformedPolicyDocument',
      400,
    ],
    [
      'CreatePolicyVersion: bad rotate strategy',
      () =>
        root.createPolicyVersion(
          new M.CreatePolicyVersionRequest({
            policyName: 'ghost',
            policyDocument: ALLOW_ALL,
            rotateStrategy: 'Always',
          }),
        ),
      'InvalidParameter.RotateStrategy',
      400,
    ],
    [
      'AttachPolicyToGroup: unknown group',
      () =>
        root.attachPolicyToGroup(
          new M.AttachPolicyToGroupRequest({
            groupName: 'ghost',
            policyType: 'System',
            policyName: 'AdministratorAccess',
          }),
        ),
      'EntityNotExist.Group',
      404,
    ],
    [
      'AttachPolicyToRole: unknown role',
      () =>
        root.attachPolicyToRole(
          new M.AttachPolicyToRoleRequest({
            roleName: 'ghost',
            policyType: 'System',
            policyName: 'AdministratorAccess',
          }),
        ),
      'EntityNotExist.Role',
      404,
    ],
    [
      'DetachPolicyFromUser: not attached',
      () =>
        root.detachPolicyFromUser(
          new M.DetachPolicyFromUserRequest({
            userName: 'rd-admin',
            policyType: 'System',
            policyName: 'AdministratorAccess',
          }),
        ),
      'EntityNotExist.User.Policy',
      404,
    ],
    [
      'DetachPolicyFromUser: unknown policy',
      () =>
        root.detachPolicyFromUser(
          new M.DetachPolicyFromUserRequest({ userName: 'rd-admin', policyType: 'Custom', policyName: 'ghost' }),
        ),
      'EntityNotExist.Policy',
      404,
    ],
    [
      'ListPoliciesForUser: unknown user',
      () => root.listPoliciesForUser(new M.ListPoliciesForUserRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'ListPoliciesForRole: unknown role',
      () => root.listPoliciesForRole(new M.ListPoliciesForRoleRequest({ roleName: 'ghost' })),
      'EntityNotExist.Role',
      404,
    ],
    [
      'CreateGroup: invalid name',
      () => root.createGroup(new M.CreateGroupRequest({ groupName: 'bad name' })),
      'InvalidParameter.GroupName.InvalidChars',
      400,
    ],
    [
      'AddUserToGroup: unknown user',
      () => root.addUserToGroup(new M.AddUserToGroupRequest({ groupName: 'readers', userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'UpdateAccessKey: missing status',
      () => root.updateAccessKey(new M.UpdateAccessKeyRequest({ userAccessKeyId: 'LTAI5tX' })),
      'MissingParameter',
      400,
    ],
    [
      'CreateAccessKey: unknown user',
      () => root.createAccessKey(new M.CreateAccessKeyRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'DeleteUser: unknown',
      () => root.deleteUser(new M.DeleteUserRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'UpdateUser: invalid new name',
      () => root.updateUser(new M.UpdateUserRequest({ userName: 'rd-admin', newUserName: 'a b' })),
      'InvalidParameter.NewUserName.InvalidChars',
      400,
    ],
  ];
  it.each(cases)('%s', async (_n, call, code, status) => {
    await refusedWith(call(), code, status);
  });

  it('the root identity manages its own AccessKeys when UserName is omitted', async () => {
    const keys = (await root.listAccessKeys(new M.ListAccessKeysRequest({}))).body.accessKeys.accessKey;
    expect(keys.map((k: { accessKeyId: string }) => k.accessKeyId)).toContain(h.boot.root.accessKeyId);
  });

  it('no handler answered with a code its spec does not declare', () => {
    expect(h.logs.join('')).not.toContain('undeclared error code');
  });
});
