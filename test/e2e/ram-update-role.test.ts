/**
 * UpdateRole through the official @alicloud/ram20150501 SDK: a new trust policy governs the next
 * AssumeRole (official @alicloud/sts20150401 SDK), description and maximum session duration change,
 * and the documented errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient, ramModels as R, stsClient, stsModels as S } from '../support/clients.js';
import { type Harness, startResdir } from '../support/harness.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
let uid: string;
const trust = (principals: string[]) =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: principals } }],
  });

beforeAll(async () => {
  h = await startResdir();
  root = ramClient(h.host, h.boot.root);
  uid = h.boot.managementAccountId;
  await root.createRole(new R.CreateRoleRequest({ roleName: 'Deployer', assumeRolePolicyDocument: trust([`${uid}`]) }));
});
afterAll(() => h.close());

describe('UpdateRole', () => {
  it('a new trust policy governs the next AssumeRole; description and duration change', async () => {
    const op = await addRamUser(h, { name: 'deploy-bot', policies: ['AliyunSTSAssumeRoleAccess'] });
    const assume = () =>
      stsClient(h.host, op).assumeRole(
        new S.AssumeRoleRequest({ roleArn: `acs:ram::${uid}:role/deployer`, roleSessionName: 'ci-run' }),
      );
    expect((await assume()).body.credentials?.accessKeyId).toBeTruthy();

    const updated = await root.updateRole(
      new R.UpdateRoleRequest({
        roleName: 'deployer',
        newAssumeRolePolicyDocument: trust([`acs:ram::${uid}:user/someone-else`]),
        newDescription: 'deploys',
        newMaxSessionDuration: 7200,
      }),
    );
    expect(updated.body.role).toMatchObject({ roleName: 'Deployer', description: 'deploys', maxSessionDuration: 7200 });
    const fields = Object.keys(R.UpdateRoleResponseBodyRole.names());
    expect(fields.filter((k) => updated.body.role?.[k] === undefined)).toEqual([]);
    await refusedWith(assume(), 'NoPermission', 403);

    await root.updateRole(
      new R.UpdateRoleRequest({
        roleName: 'Deployer',
        newAssumeRolePolicyDocument: trust([`acs:ram::${uid}:user/deploy-bot`]),
      }),
    );
    expect((await assume()).body.credentials?.accessKeyId).toBeTruthy();
    const got = await root.getRole(new R.GetRoleRequest({ roleName: 'Deployer' }));
    expect(got.body.role).toMatchObject({ description: 'deploys', maxSessionDuration: 7200 });
  });

  it('answers the documented errors and changes nothing', async () => {
    await refusedWith(
      root.updateRole(new R.UpdateRoleRequest({ roleName: 'ghost', newDescription: 'x' })),
      'EntityNotExist.Role',
      404,
    );
    await refusedWith(
      root.updateRole(new R.UpdateRoleRequest({ roleName: 'Deployer', newAssumeRolePolicyDocument: '{"Version":"1"' })),
      'MalformedPolicyDocument',
    );
    await refusedWith(
      root.updateRole(new R.UpdateRoleRequest({ roleName: 'Deployer', newMaxSessionDuration: 99999 })),
      'InvalidParameter.MaxSessionDuration',
      400,
    );
    await refusedWith(
      root.updateRole(new R.UpdateRoleRequest({ roleName: 'bad/name', newDescription: 'x' })),
      'InvalidParameter.RoleName.InvalidChars',
      400,
    );
    const got = await root.getRole(new R.GetRoleRequest({ roleName: 'Deployer' }));
    expect(got.body.role?.maxSessionDuration).not.toBe(99999);
  });
});
