/**
 * Policy versions and the entities of a policy through the official @alicloud/ram20150501 SDK:
 * ListPolicyVersions, SetDefaultPolicyVersion (in force from the next request), DeletePolicyVersion,
 * UpdatePolicyDescription and ListEntitiesForPolicy, with their documented errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreClient, ramClient, ramModels as M } from '../support/clients.js';
import { type Harness, startResdir } from '../support/harness.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
beforeAll(async () => {
  h = await startResdir();
  root = ramClient(h.host, h.boot.root);
});
afterAll(() => h.close());

const doc = (effect: 'Allow' | 'Deny') =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: effect, Action: 'resourcemanager:GetResourceDirectory', Resource: '*' }],
  });

describe('policy versions', () => {
  it('list, switch the default (in force at once), delete, describe', async () => {
    await root.createPolicy(new M.CreatePolicyRequest({ policyName: 'ReadRd', policyDocument: doc('Allow') }));
    const u = await addRamUser(h, { name: 'versioned' });
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ userName: 'versioned', policyType: 'Custom', policyName: 'ReadRd' }),
    );
    const asUser = coreClient(h.host, u);
    expect((await asUser.call('GetResourceDirectory', {})).ResourceDirectory).toBeDefined();

    await root.createPolicyVersion(
      new M.CreatePolicyVersionRequest({ policyName: 'ReadRd', policyDocument: doc('Deny') }),
    );
    const listed = await root.listPolicyVersions(
      new M.ListPolicyVersionsRequest({ policyName: 'ReadRd', policyType: 'Custom' }),
    );
    expect(listed.body.policyVersions?.policyVersion).toEqual([
      { versionId: 'v1', isDefaultVersion: true, policyDocument: doc('Allow'), createDate: expect.any(String) },
      { versionId: 'v2', isDefaultVersion: false, policyDocument: doc('Deny'), createDate: expect.any(String) },
    ]);

    await root.setDefaultPolicyVersion(new M.SetDefaultPolicyVersionRequest({ policyName: 'ReadRd', versionId: 'v2' }));
    await refusedWith(asUser.call('GetResourceDirectory', {}), 'NoPermission', 403);
    await refusedWith(
      root.deletePolicyVersion(new M.DeletePolicyVersionRequest({ policyName: 'ReadRd', versionId: 'v2' })),
      'DeleteConflict.Policy.Version.Default',
      409,
    );
    await root.setDefaultPolicyVersion(new M.SetDefaultPolicyVersionRequest({ policyName: 'ReadRd', versionId: 'v1' }));
    expect((await asUser.call('GetResourceDirectory', {})).ResourceDirectory).toBeDefined();
    await root.deletePolicyVersion(new M.DeletePolicyVersionRequest({ policyName: 'ReadRd', versionId: 'v2' }));
    const after = await root.listPolicyVersions(
      new M.ListPolicyVersionsRequest({ policyName: 'ReadRd', policyType: 'Custom' }),
    );
    expect(after.body.policyVersions?.policyVersion?.map((v: { versionId?: string }) => v.versionId)).toEqual(['v1']);

    const described = await root.updatePolicyDescription(
      new M.UpdatePolicyDescriptionRequest({ policyName: 'ReadRd', newDescription: 'read the directory' }),
    );
    expect(described.body.policy).toMatchObject({ policyName: 'ReadRd', description: 'read the directory' });
    const names = Object.keys(M.UpdatePolicyDescriptionResponseBodyPolicy.names());
    expect(names.filter((k) => described.body.policy?.[k] === undefined)).toEqual([]);
    const got = await root.getPolicy(new M.GetPolicyRequest({ policyName: 'ReadRd', policyType: 'Custom' }));
    expect(got.body.policy?.description).toBe('read the directory');
  });

  it('a system policy lists its one version', async () => {
    const r = await root.listPolicyVersions(
      new M.ListPolicyVersionsRequest({ policyName: 'AliyunResourceDirectoryFullAccess', policyType: 'System' }),
    );
    expect(r.body.policyVersions?.policyVersion).toEqual([
      expect.objectContaining({ versionId: 'v1', isDefaultVersion: true }),
    ]);
  });
});

describe('entities of a policy', () => {
  it('lists the users, roles and groups it is attached to', async () => {
    await root.createPolicy(new M.CreatePolicyRequest({ policyName: 'Shared', policyDocument: doc('Allow') }));
    await root.createUser(new M.CreateUserRequest({ userName: 'pu', displayName: 'P U' }));
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'pg', comments: 'group' }));
    const trust = JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [`acs:ram::${h.boot.managementAccountId}:root`] },
        },
      ],
    });
    await root.createRole(
      new M.CreateRoleRequest({ roleName: 'PRole', assumeRolePolicyDocument: trust, description: 'r' }),
    );
    const link = { policyType: 'Custom', policyName: 'Shared' };
    await root.attachPolicyToUser(new M.AttachPolicyToUserRequest({ ...link, userName: 'pu' }));
    await root.attachPolicyToGroup(new M.AttachPolicyToGroupRequest({ ...link, groupName: 'pg' }));
    await root.attachPolicyToRole(new M.AttachPolicyToRoleRequest({ ...link, roleName: 'PRole' }));
    const r = await root.listEntitiesForPolicy(new M.ListEntitiesForPolicyRequest(link));
    expect(r.body.users?.user).toEqual([
      { userId: expect.any(String), userName: 'pu', displayName: 'P U', attachDate: expect.any(String) },
    ]);
    expect(r.body.groups?.group).toEqual([{ groupName: 'pg', comments: 'group', attachDate: expect.any(String) }]);
    expect(r.body.roles?.role).toEqual([
      {
        roleId: expect.any(String),
        roleName: 'PRole',
        arn: `acs:ram::${h.boot.managementAccountId}:role/prole`,
        description: 'r',
        attachDate: expect.any(String),
      },
    ]);
  });
});

describe('documented errors', () => {
  const cases: Array<[string, () => Promise<unknown>, string, number]> = [
    [
      'ListPolicyVersions: unknown',
      () => root.listPolicyVersions(new M.ListPolicyVersionsRequest({ policyName: 'Nope', policyType: 'Custom' })),
      'EntityNotExist.Policy',
      404,
    ],
    [
      'ListPolicyVersions: bad type',
      () => root.listPolicyVersions(new M.ListPolicyVersionsRequest({ policyName: 'Nope', policyType: 'Managed' })),
      'InvalidParameter.PolicyType',
      400,
    ],
    [
      'DeletePolicyVersion: unknown version',
      () => root.deletePolicyVersion(new M.DeletePolicyVersionRequest({ policyName: 'Errs', versionId: 'v9' })),
      'EntityNotExist.Policy.Version',
      404,
    ],
    [
      'DeletePolicyVersion: bad version id',
      () => root.deletePolicyVersion(new M.DeletePolicyVersionRequest({ policyName: 'Errs', versionId: 'latest' })),
      'InvalidParameter.VersionId',
      400,
    ],
    [
      'SetDefaultPolicyVersion: unknown policy',
      () => root.setDefaultPolicyVersion(new M.SetDefaultPolicyVersionRequest({ policyName: 'Nope', versionId: 'v1' })),
      'EntityNotExist.Policy',
      404,
    ],
    [
      'SetDefaultPolicyVersion: unknown version',
      () => root.setDefaultPolicyVersion(new M.SetDefaultPolicyVersionRequest({ policyName: 'Errs', versionId: 'v7' })),
      'EntityNotExist.Policy.Version',
      404,
    ],
    [
      'UpdatePolicyDescription: unknown',
      () =>
        root.updatePolicyDescription(new M.UpdatePolicyDescriptionRequest({ policyName: 'Nope', newDescription: 'x' })),
      'EntityNotExist.Policy',
      404,
    ],
    [
      'ListEntitiesForPolicy: unknown',
      () =>
        root.listEntitiesForPolicy(new M.ListEntitiesForPolicyRequest({ policyName: 'Nope', policyType: 'System' })),
      'EntityNotExist.Policy',
      404,
    ],
  ];
  beforeAll(async () => {
    await root.createPolicy(new M.CreatePolicyRequest({ policyName: 'Errs', policyDocument: doc('Allow') }));
  });
  it.each(cases)('%s', async (_name, call, code, status) => {
    await refusedWith(call(), code, status);
  });
});
