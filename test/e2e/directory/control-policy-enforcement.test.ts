/**
 * Control policies bind: a member two folders deep, with a policy on each level, called by its RAM
 * user and by the management account through ResourceDirectoryAccountAccessRole (STS). A Deny
 * anywhere above beats the member's own Allow; a level that allows nothing refuses; the management
 * account and the member's root identity are never bound; detaching or disabling lifts at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import {
  coreClient,
  ramClient,
  ramModels as RAM,
  stsClient,
  stsModels as STS,
  type Creds,
} from '../../support/clients.js';
import { addAccessKey, addRamUser } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { ManualClock } from '../../../src/lib/clock.js';

let h: Harness;
let clock: ManualClock;
let folderA: string;
let folderB: string;
let member: string;
let memberUser: Creds;
let memberRoot: Creds;
let accessRole: Creds;
let managementUser: Creds;
const DELAY_MS = 5_000;

const admin = (action: string, params: Record<string, string> = {}) =>
  coreClient(h.host, h.boot.admin).call(action, params);
const deny = (...actions: string[]) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: actions, Resource: '*' }] });
const allow = (...actions: string[]) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
let serial = 0;
async function policy(document: string): Promise<string> {
  const r = await admin('CreateControlPolicy', {
    PolicyName: `level-${++serial}`,
    EffectScope: 'RAM',
    PolicyDocument: document,
  });
  return (r.ControlPolicy as { PolicyId: string }).PolicyId;
}
const attach = (PolicyId: string, TargetId: string) => admin('AttachControlPolicy', { PolicyId, TargetId });
const detach = (PolicyId: string, TargetId: string) => admin('DetachControlPolicy', { PolicyId, TargetId });
const listUsers = (c: Creds) => ramClient(h.host, c).listUsers(new RAM.ListUsersRequest({}));
const createUser = (c: Creds) =>
  ramClient(h.host, c).createUser(new RAM.CreateUserRequest({ userName: `u-${++serial}` }));
const getRole = (c: Creds) =>
  ramClient(h.host, c).getRole(new RAM.GetRoleRequest({ roleName: 'ResourceDirectoryAccountAccessRole' }));

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
  folderA = ((await admin('CreateFolder', { FolderName: 'level-a' })).Folder as { FolderId: string }).FolderId;
  folderB = (
    (await admin('CreateFolder', { FolderName: 'level-b', ParentFolderId: folderA })).Folder as { FolderId: string }
  ).FolderId;
  member = (
    (await admin('CreateResourceAccount', { DisplayName: 'deep member', ParentFolderId: folderB })).Account as {
      AccountId: string;
    }
  ).AccountId;
  memberUser = await addRamUser(h, { accountId: member, name: 'developer', policies: ['AdministratorAccess'] });
  memberRoot = await addAccessKey(h, member, null);
  managementUser = await addRamUser(h, { name: 'ops', policies: ['AdministratorAccess'] });
  const c = (
    await stsClient(h.host, managementUser).assumeRole(
      new STS.AssumeRoleRequest({
        roleArn: `acs:ram::${member}:role/ResourceDirectoryAccountAccessRole`,
        roleSessionName: 'cp-test',
      }),
    )
  ).body.credentials;
  accessRole = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
  await admin('EnableControlPolicy');
});
afterAll(() => h.close());

describe('control policies bind member identities', () => {
  it('do not bind before the switch reads Enabled', async () => {
    const p = await policy(deny('ram:ListUsers'));
    await refusedWith(attach(p, h.boot.rootFolderId), 'InvalidControlPolicyEnablementStatus', 409);
    await listUsers(memberUser);
    clock.advance(DELAY_MS);
    await attach(p, h.boot.rootFolderId);
    await refusedWith(listUsers(memberUser), 'NoPermission', 403);
    await detach(p, h.boot.rootFolderId);
    await listUsers(memberUser);
  });

  it('a Deny on any level above beats the member RAM policy, for users and assumed roles alike', async () => {
    const levels = [h.boot.rootFolderId, folderA, folderB, member];
    for (const [i, target] of levels.entries()) {
      const p = await policy(deny('ram:CreateUser'));
      await attach(p, target);
      const e = await refusedWith(createUser(memberUser), 'NoPermission', 403);
      expect(e.message, `level ${i}`).toContain('control polic');
      const detail = (e.data as { AccessDeniedDetail?: Record<string, string> }).AccessDeniedDetail;
      expect(detail).toMatchObject({ PolicyType: 'ControlPolicy', NoPermissionType: 'ExplicitDeny' });
      await refusedWith(createUser(accessRole), 'NoPermission', 403);
      await listUsers(memberUser);
      await listUsers(accessRole);
      // The member's root identity and the management account are never bound.
      await createUser(memberRoot);
      await createUser(managementUser);
      // Detaching lifts it at once.
      await detach(p, target);
      await createUser(memberUser);
      await createUser(accessRole);
    }
  });

  it('with a policy on each level at once, an action must be allowed on every level', async () => {
    const onRoot = await policy(deny('ram:DeleteUser'));
    const onA = await policy(allow('ram:*', 'resourcemanager:*'));
    const onB = await policy(allow('ram:List*', 'ram:Get*', 'ram:CreateUser'));
    const onMember = await policy(allow('ram:List*', 'ram:GetRole'));
    await attach(onRoot, h.boot.rootFolderId);
    await attach(onA, folderA);
    await attach(onB, folderB);
    await attach(onMember, member);
    // FullAliyunAccess is still on every level: only the root's Deny binds.
    await createUser(memberUser);
    const victim = `v-${++serial}`;
    await ramClient(h.host, memberUser).createUser(new RAM.CreateUserRequest({ userName: victim }));
    await refusedWith(
      ramClient(h.host, memberUser).deleteUser(new RAM.DeleteUserRequest({ userName: victim })),
      'NoPermission',
      403,
    );
    // Without FullAliyunAccess below the root, each level allows only what its own policy does.
    for (const t of [folderA, folderB, member]) await detach('FullAliyunAccess', t);
    await listUsers(memberUser);
    await getRole(memberUser);
    // The member's level does not allow it: an implicit deny by a control policy.
    const implicit = await refusedWith(createUser(memberUser), 'NoPermission', 403);
    expect((implicit.data as { AccessDeniedDetail?: Record<string, string> }).AccessDeniedDetail).toMatchObject({
      PolicyType: 'ControlPolicy',
      NoPermissionType: 'ImplicitDeny',
    });
    await refusedWith(
      ramClient(h.host, memberUser).getUser(new RAM.GetUserRequest({ userName: victim })),
      'NoPermission',
      403,
    );
    // Folder B allows no resourcemanager action.
    await refusedWith(coreClient(h.host, memberUser).call('GetResourceDirectory', {}), 'NoPermission', 403);
    await createUser(managementUser);
    await getRole(accessRole);
    await refusedWith(createUser(accessRole), 'NoPermission', 403);
    // Disabling lifts every policy at once (PendingDisable already).
    expect((await admin('DisableControlPolicy')).EnablementStatus).toBe('PendingDisable');
    await createUser(memberUser);
    await createUser(accessRole);
    await ramClient(h.host, memberUser).deleteUser(new RAM.DeleteUserRequest({ userName: victim }));
    await coreClient(h.host, memberUser).call('GetResourceDirectory', {});
  });

  it('never bind the management account, even with a Deny attached to it', async () => {
    clock.advance(DELAY_MS);
    await admin('EnableControlPolicy');
    clock.advance(DELAY_MS);
    const p = await policy(deny('*'));
    await attach(p, h.boot.managementAccountId);
    await attach(p, h.boot.rootFolderId);
    await createUser(managementUser);
    await listUsers(managementUser);
    await admin('ListControlPolicies');
    await refusedWith(listUsers(memberUser), 'NoPermission', 403);
    // STS into the member is a call of the management account: allowed; what the role then does is bound.
    const c = (
      await stsClient(h.host, managementUser).assumeRole(
        new STS.AssumeRoleRequest({
          roleArn: `acs:ram::${member}:role/ResourceDirectoryAccountAccessRole`,
          roleSessionName: 'cp-test-2',
        }),
      )
    ).body.credentials;
    await refusedWith(
      listUsers({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }),
      'NoPermission',
      403,
    );
    await detach(p, h.boot.rootFolderId);
    await listUsers(memberUser);
  });

  it('follow a member that moves: the new folder binds from the next call', async () => {
    const folderC = ((await admin('CreateFolder', { FolderName: 'level-c' })).Folder as { FolderId: string }).FolderId;
    await attach(await policy(deny('ram:ListUsers')), folderC);
    await listUsers(memberUser);
    await admin('MoveAccount', { AccountId: member, DestinationFolderId: folderC });
    await refusedWith(listUsers(memberUser), 'NoPermission', 403);
    await refusedWith(listUsers(accessRole), 'NoPermission', 403);
    await admin('MoveAccount', { AccountId: member, DestinationFolderId: folderB });
    await listUsers(memberUser);
  });

  it('a refusal by a control policy is on the member account audit trail', async () => {
    const p = await policy(deny('ram:ListGroups'));
    await attach(p, folderA);
    await refusedWith(ramClient(h.host, memberUser).listGroups(new RAM.ListGroupsRequest({})), 'NoPermission', 403);
    const ev = (await coreClient(h.host, memberRoot).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    expect(ev.Events).toContainEqual(expect.objectContaining({ eventName: 'ListGroups', errorCode: 'NoPermission' }));
    const mine = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = mine.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of ['CreateControlPolicy', 'AttachControlPolicy', 'EnableControlPolicy']) expect(names).toContain(n);
  });
});
