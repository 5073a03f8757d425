/**
 * RAM groups through the official @alicloud/ram20150501 SDK: read back, rename, list both ways,
 * remove members, detach policies, delete — with their documented errors, the effect on the
 * members' permissions from the next request, and the permission checks on the group ARN.
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

const READ_RD = { policyType: 'System', policyName: 'AliyunResourceDirectoryReadOnlyAccess' };

/** The declared fields of an SDK response model that the answer lacks. */
function missingFields(model: { names(): Record<string, string> }, answer: object): string[] {
  return Object.keys(model.names()).filter((k) => (answer as Record<string, unknown>)[k] === undefined);
}

describe('group lifecycle', () => {
  it('create, get, rename (members and policies follow), list, remove, detach, delete', async () => {
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'ops', comments: 'operators' }));
    const got = await root.getGroup(new M.GetGroupRequest({ groupName: 'ops' }));
    expect(got.body.group).toMatchObject({ groupName: 'ops', comments: 'operators' });
    expect(missingFields(M.GetGroupResponseBodyGroup, got.body.group!)).toEqual([]);

    const u = await addRamUser(h, { name: 'op-1' });
    await root.addUserToGroup(new M.AddUserToGroupRequest({ groupName: 'ops', userName: 'op-1' }));
    await root.attachPolicyToGroup(new M.AttachPolicyToGroupRequest({ groupName: 'ops', ...READ_RD }));
    const asUser = coreClient(h.host, u);
    expect((await asUser.call('GetResourceDirectory', {})).ResourceDirectory).toBeDefined();

    const renamed = await root.updateGroup(
      new M.UpdateGroupRequest({ groupName: 'ops', newGroupName: 'operators', newComments: 'on call' }),
    );
    expect(renamed.body.group).toMatchObject({ groupName: 'operators', comments: 'on call' });
    await refusedWith(root.getGroup(new M.GetGroupRequest({ groupName: 'ops' })), 'EntityNotExist.Group', 404);
    expect((await asUser.call('GetResourceDirectory', {})).ResourceDirectory).toBeDefined();

    const listed = await root.listGroups(new M.ListGroupsRequest({}));
    expect(listed.body.groups?.group?.map((g: { groupName?: string }) => g.groupName)).toContain('operators');
    expect(listed.body.isTruncated).toBe(false);
    const forUser = await root.listGroupsForUser(new M.ListGroupsForUserRequest({ userName: 'op-1' }));
    expect(forUser.body.groups?.group).toEqual([
      expect.objectContaining({ groupName: 'operators', comments: 'on call', joinDate: expect.any(String) }),
    ]);
    expect(missingFields(M.ListGroupsForUserResponseBodyGroupsGroup, forUser.body.groups!.group![0]!)).toEqual([]);
    const users = await root.listUsersForGroup(new M.ListUsersForGroupRequest({ groupName: 'operators' }));
    expect(users.body.users?.user).toEqual([{ userName: 'op-1', displayName: 'op-1', joinDate: expect.any(String) }]);
    const policies = await root.listPoliciesForGroup(new M.ListPoliciesForGroupRequest({ groupName: 'operators' }));
    expect(policies.body.policies?.policy?.map((p: { policyName?: string }) => p.policyName)).toEqual([
      READ_RD.policyName,
    ]);

    await refusedWith(
      root.deleteGroup(new M.DeleteGroupRequest({ groupName: 'operators' })),
      'DeleteConflict.Group.User',
      409,
    );
    await root.removeUserFromGroup(new M.RemoveUserFromGroupRequest({ groupName: 'operators', userName: 'op-1' }));
    await refusedWith(asUser.call('GetResourceDirectory', {}), 'NoPermission', 403);
    await refusedWith(
      root.deleteGroup(new M.DeleteGroupRequest({ groupName: 'operators' })),
      'DeleteConflict.Group.Policy',
      409,
    );
    await root.detachPolicyFromGroup(new M.DetachPolicyFromGroupRequest({ groupName: 'operators', ...READ_RD }));
    await refusedWith(
      root.detachPolicyFromGroup(new M.DetachPolicyFromGroupRequest({ groupName: 'operators', ...READ_RD })),
      'EntityNotExist.Group.Policy',
      404,
    );
    await root.deleteGroup(new M.DeleteGroupRequest({ groupName: 'operators' }));
    await refusedWith(root.getGroup(new M.GetGroupRequest({ groupName: 'operators' })), 'EntityNotExist.Group', 404);
  });

  it('ListGroups pages with Marker and MaxItems', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await root.createGroup(new M.CreateGroupRequest({ groupName: n }));
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const r = await root.listGroups(new M.ListGroupsRequest({ maxItems: 1, ...(marker ? { marker } : {}) }));
      names.push(...(r.body.groups?.group ?? []).map((g: { groupName?: string }) => g.groupName ?? ''));
      marker = r.body.isTruncated ? r.body.marker : undefined;
    } while (marker);
    expect(names.filter((n) => n.startsWith('page-'))).toEqual(['page-a', 'page-b', 'page-c']);
  });
});

describe('documented errors', () => {
  const cases: Array<[string, () => Promise<unknown>, string, number]> = [
    [
      'GetGroup: unknown',
      () => root.getGroup(new M.GetGroupRequest({ groupName: 'nope' })),
      'EntityNotExist.Group',
      404,
    ],
    [
      'GetGroup: invalid name',
      () => root.getGroup(new M.GetGroupRequest({ groupName: 'bad/name' })),
      'InvalidParameter.GroupName.InvalidChars',
      400,
    ],
    [
      'UpdateGroup: unknown',
      () => root.updateGroup(new M.UpdateGroupRequest({ groupName: 'nope', newComments: 'x' })),
      'EntityNotExist.Group',
      404,
    ],
    [
      'UpdateGroup: invalid new name',
      () => root.updateGroup(new M.UpdateGroupRequest({ groupName: 'taken-1', newGroupName: 'bad name' })),
      'InvalidParameter.NewGroupName.InvalidChars',
      400,
    ],
    [
      'UpdateGroup: new name taken',
      () => root.updateGroup(new M.UpdateGroupRequest({ groupName: 'taken-1', newGroupName: 'taken-2' })),
      'EntityAlreadyExists.Group',
      409,
    ],
    [
      'DeleteGroup: unknown',
      () => root.deleteGroup(new M.DeleteGroupRequest({ groupName: 'nope' })),
      'EntityNotExist.Group',
      404,
    ],
    [
      'RemoveUserFromGroup: not a member',
      () => root.removeUserFromGroup(new M.RemoveUserFromGroupRequest({ groupName: 'taken-1', userName: 'loner' })),
      'EntityNotExist.User.Group',
      404,
    ],
    [
      'RemoveUserFromGroup: unknown user',
      () => root.removeUserFromGroup(new M.RemoveUserFromGroupRequest({ groupName: 'taken-1', userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'ListGroupsForUser: unknown user',
      () => root.listGroupsForUser(new M.ListGroupsForUserRequest({ userName: 'ghost' })),
      'EntityNotExist.User',
      404,
    ],
    [
      'ListUsersForGroup: unknown group',
      () => root.listUsersForGroup(new M.ListUsersForGroupRequest({ groupName: 'nope' })),
      'EntityNotExist.Group',
      404,
    ],
    [
      'ListUsersForGroup: bad marker',
      () => root.listUsersForGroup(new M.ListUsersForGroupRequest({ groupName: 'taken-1', marker: 'x' })),
      'InvalidParameter.Marker',
      400,
    ],
    [
      'ListPoliciesForGroup: unknown group',
      () => root.listPoliciesForGroup(new M.ListPoliciesForGroupRequest({ groupName: 'nope' })),
      'EntityNotExist.Group',
      404,
    ],
    [
      'ListGroups: bad marker',
      () => root.listGroups(new M.ListGroupsRequest({ marker: 'x' })),
      'InvalidParameter.Marker',
      400,
    ],
  ];
  beforeAll(async () => {
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'taken-1' }));
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'taken-2' }));
    await root.createUser(new M.CreateUserRequest({ userName: 'loner' }));
  });
  it.each(cases)('%s', async (_name, call, code, status) => {
    await refusedWith(call(), code, status);
  });
});

describe('permissions on the group ARN', () => {
  it('a user allowed ram:* except on one group is refused on that group only', async () => {
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'guarded' }));
    await root.createGroup(new M.CreateGroupRequest({ groupName: 'open' }));
    const uid = h.boot.managementAccountId;
    await root.createPolicy(
      new M.CreatePolicyRequest({
        policyName: 'AllButGuarded',
        policyDocument: JSON.stringify({
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'ram:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ram:*', Resource: `acs:ram::${uid}:group/guarded` },
          ],
        }),
      }),
    );
    const u = await addRamUser(h, { name: 'almost-admin' });
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ userName: 'almost-admin', policyType: 'Custom', policyName: 'AllButGuarded' }),
    );
    const c = ramClient(h.host, u);
    expect((await c.getGroup(new M.GetGroupRequest({ groupName: 'open' }))).body.group?.groupName).toBe('open');
    await refusedWith(c.getGroup(new M.GetGroupRequest({ groupName: 'guarded' })), 'NoPermission', 403);
    await refusedWith(c.deleteGroup(new M.DeleteGroupRequest({ groupName: 'guarded' })), 'NoPermission', 403);
    await refusedWith(
      c.updateGroup(new M.UpdateGroupRequest({ groupName: 'guarded', newComments: 'mine' })),
      'NoPermission',
      403,
    );
    await refusedWith(
      c.listUsersForGroup(new M.ListUsersForGroupRequest({ groupName: 'guarded' })),
      'NoPermission',
      403,
    );
    expect((await root.getGroup(new M.GetGroupRequest({ groupName: 'guarded' }))).body.group?.comments).toBe('');
  });
});
