/**
 * Parameters the official RAM and STS APIs define that resdir does not model (tags on roles and
 * policies, resource-group-scoped attachments) are refused by name through the official
 * @alicloud/ram20150501 SDK and change nothing; the parameters outside the API are still ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient, ramModels as R, stsClient } from '../support/clients.js';
import { type Harness, startResdir } from '../support/harness.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
const trust = () =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [h.boot.managementAccountId] } }],
  });
const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });

beforeAll(async () => {
  h = await startResdir();
  root = ramClient(h.host, h.boot.root);
  await root.createUser(new R.CreateUserRequest({ userName: 'scoped' }));
});
afterAll(() => h.close());

const roleNames = async () =>
  ((await root.listRoles(new R.ListRolesRequest({}))).body.roles?.role ?? []).map(
    (r: { roleName?: string }) => r.roleName,
  );

describe('RAM parameters resdir does not model are refused by name', () => {
  it('CreateRole and CreatePolicy with Tag create nothing', async () => {
    const e = await refusedWith(
      root.createRole(
        new R.CreateRoleRequest({
          roleName: 'tagged-role',
          assumeRolePolicyDocument: trust(),
          tag: [new R.CreateRoleRequestTag({ key: 'k', value: 'v' })],
        }),
      ),
      'UnsupportedParameter',
      400,
    );
    expect(e.data.Message).toContain('"Tag"');
    expect(await roleNames()).not.toContain('tagged-role');
    const p = await refusedWith(
      root.createPolicy(
        new R.CreatePolicyRequest({
          policyName: 'tagged-policy',
          policyDocument: doc,
          tag: [new R.CreatePolicyRequestTag({ key: 'k', value: 'v' })],
        }),
      ),
      'UnsupportedParameter',
      400,
    );
    expect(p.data.Message).toContain('"Tag"');
    await refusedWith(
      root.getPolicy(new R.GetPolicyRequest({ policyName: 'tagged-policy', policyType: 'Custom' })),
      'EntityNotExist.Policy',
      404,
    );
  });

  it('ListRoles and ListPolicies with a Tag filter are refused rather than answered unfiltered', async () => {
    const tag = { key: 'k', value: 'v' };
    await refusedWith(
      root.listRoles(new R.ListRolesRequest({ tag: [new R.ListRolesRequestTag(tag)] })),
      'UnsupportedParameter',
      400,
    );
    await refusedWith(
      root.listPolicies(new R.ListPoliciesRequest({ tag: [new R.ListPoliciesRequestTag(tag)] })),
      'UnsupportedParameter',
      400,
    );
  });

  it('a policy attachment scoped to a ResourceGroupId is refused and attaches nothing', async () => {
    const e = await refusedWith(
      root.attachPolicyToUser(
        new R.AttachPolicyToUserRequest({
          userName: 'scoped',
          policyName: 'AliyunResourceDirectoryFullAccess',
          policyType: 'System',
          resourceGroupId: 'rg-acfm0000000000',
        }),
      ),
      'UnsupportedParameter',
      400,
    );
    expect(e.data.Message).toContain('"ResourceGroupId"');
    const attached = await root.listPoliciesForUser(new R.ListPoliciesForUserRequest({ userName: 'scoped' }));
    expect(attached.body.policies?.policy ?? []).toEqual([]);
    // without the scope the same attachment succeeds
    await root.attachPolicyToUser(
      new R.AttachPolicyToUserRequest({
        userName: 'scoped',
        policyName: 'AliyunResourceDirectoryFullAccess',
        policyType: 'System',
      }),
    );
  });

  it('parameters outside the official API are still ignored (RAM and STS)', async () => {
    const core = ramClient(h.host, h.boot.root);
    expect((await core.getUser(new R.GetUserRequest({ userName: 'scoped' }))).body.user?.userName).toBe('scoped');
    const sts = stsClient(h.host, h.boot.root);
    expect((await sts.getCallerIdentity()).body.accountId).toBe(h.boot.managementAccountId);
  });
});
