/**
 * Through the official @alicloud/ram20150501 SDK (ACS3 and V1): GetAccessKeyLastUsed tracking real
 * use, NoPermission's AccessDeniedDetail decoded by DecodeDiagnosticMessage, and tags on roles and
 * custom policies (TagResources, UntagResources, ListTagResources).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreClient, ramClient, ramModels as M } from '../support/clients.js';
import { type Harness, startResdir } from '../support/harness.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
let uid: string;
const trust = (u: string) =>
  JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [u] } }] });
const doc = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });

beforeAll(async () => {
  h = await startResdir();
  root = ramClient(h.host, h.boot.root);
  uid = h.boot.managementAccountId;
});
afterAll(() => h.close());

describe('GetAccessKeyLastUsed', () => {
  it('a key never used has no date; a request signed with it sets one; written to the store by the flush', async () => {
    const u = await addRamUser(h, { name: 'last-used' });
    const ask = () =>
      root.getAccessKeyLastUsed(
        new M.GetAccessKeyLastUsedRequest({ userName: 'last-used', userAccessKeyId: u.accessKeyId }),
      );
    expect((await ask()).body.accessKeyLastUsed?.lastUsedDate).toBeUndefined();
    const before = Date.now();
    await ramClient(h.host, u, 'v2')
      .getUser(new M.GetUserRequest({ userName: 'last-used' }))
      .catch(() => undefined); // refused (no policy) but authenticated: that is a use
    const used = (await ask()).body.accessKeyLastUsed?.lastUsedDate;
    expect(used).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(used!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(await h.app.store.ramExtras.keyLastUsed(u.accessKeyId)).toBeUndefined();
    await h.app.keyUsage.flush();
    const stored = await h.app.store.ramExtras.keyLastUsed(u.accessKeyId);
    expect(Math.floor((stored ?? 0) / 1000) * 1000).toBe(Date.parse(used!));
  });

  it('documented errors', async () => {
    await refusedWith(
      root.getAccessKeyLastUsed(new M.GetAccessKeyLastUsedRequest({ userName: 'ghost', userAccessKeyId: 'LTAIxxxx' })),
      'EntityNotExist.User',
      404,
    );
    await refusedWith(
      root.getAccessKeyLastUsed(new M.GetAccessKeyLastUsedRequest({ userAccessKeyId: 'LTAInotmine' })),
      'EntityNotExist.User.AccessKey',
      404,
    );
  });
});

describe('DecodeDiagnosticMessage', () => {
  it("a refusal's AccessDeniedDetail decodes to the action, resource, principal and kind of deny", async () => {
    const u = await addRamUser(h, { name: 'denied-user' });
    const e = await refusedWith(
      ramClient(h.host, u).getRole(new M.GetRoleRequest({ roleName: 'Nope' })),
      'NoPermission',
      403,
    );
    const detail = (e.data as unknown as { AccessDeniedDetail: Record<string, string> }).AccessDeniedDetail;
    expect(detail).toMatchObject({
      AuthAction: 'ram:GetRole',
      AuthPrincipalType: 'SubUser',
      AuthPrincipalOwnerId: uid,
      AuthPrincipalDisplayName: 'denied-user',
      NoPermissionType: 'ImplicitDeny',
      PolicyType: 'AccountLevelIdentityBasedPolicy',
      EncodedDiagnosticMessage: expect.any(String),
    });
    const decoded = await ramClient(h.host, h.boot.root, 'v2').decodeDiagnosticMessage(
      new M.DecodeDiagnosticMessageRequest({ encodedDiagnosticMessage: detail.EncodedDiagnosticMessage }),
    );
    expect(decoded.body.decodedDiagnosticMessage).toMatchObject({
      authAction: 'ram:GetRole',
      authResource: `acs:ram::${uid}:role/nope`,
      explicitDeny: false,
      noPermissionPolicyType: 'AccountLevelIdentityBasedPolicy',
      authPrincipal: {
        authPrincipalOwnerId: uid,
        authPrincipalType: 'SubUser',
        authPrincipalDisplayName: 'denied-user',
      },
    });
    const keys = decoded.body.decodedDiagnosticMessage?.authConditions?.map(
      (c: { conditionKey?: string }) => c.conditionKey,
    );
    expect(keys).toEqual(expect.arrayContaining(['acs:SourceIp', 'acs:SecureTransport']));
  });

  it('an explicit Deny is reported as such', async () => {
    await root.createPolicy(
      new M.CreatePolicyRequest({
        policyName: 'DenyGetRole',
        policyDocument: JSON.stringify({
          Version: '1',
          Statement: [{ Effect: 'Deny', Action: 'ram:GetRole', Resource: '*' }],
        }),
      }),
    );
    const u = await addRamUser(h, { name: 'denied-explicitly', policies: ['AliyunRAMFullAccess'] });
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'DenyGetRole', userName: u.userName }),
    );
    const e = await refusedWith(
      ramClient(h.host, u).getRole(new M.GetRoleRequest({ roleName: 'Nope' })),
      'NoPermission',
      403,
    );
    const detail = (e.data as unknown as { AccessDeniedDetail: Record<string, string> }).AccessDeniedDetail;
    expect(detail.NoPermissionType).toBe('ExplicitDeny');
    // The user may decode its own refusal (AliyunRAMFullAccess allows ram:DecodeDiagnosticMessage).
    const decoded = await ramClient(h.host, u).decodeDiagnosticMessage(
      new M.DecodeDiagnosticMessageRequest({ encodedDiagnosticMessage: detail.EncodedDiagnosticMessage }),
    );
    expect(decoded.body.decodedDiagnosticMessage?.explicitDeny).toBe(true);
  });

  it('a message that is not one, or is about another account, is refused', async () => {
    for (const text of [
      'AQEAAAAAZBgxr0U1MjA1NTM1',
      'RDG1.not-base64!',
      `RDG1.${Buffer.from('{"a":1}').toString('base64')}`,
    ]) {
      await refusedWith(
        root.decodeDiagnosticMessage(new M.DecodeDiagnosticMessageRequest({ encodedDiagnosticMessage: text })),
        'InvalidParameter.EncodedDiagnosticMessage',
        400,
      );
    }
    const foreign = {
      AuthAction: 'ram:GetRole',
      AuthResource: '*',
      AuthPrincipal: {
        AuthPrincipalOwnerId: '1111111111111111',
        AuthPrincipalType: 'SubUser',
        AuthPrincipalDisplayName: 'x',
      },
      AuthConditions: [],
      ExplicitDeny: false,
      MatchedPolicies: [],
      NoPermissionPolicyType: 'AccountLevelIdentityBasedPolicy',
    };
    await refusedWith(
      root.decodeDiagnosticMessage(
        new M.DecodeDiagnosticMessageRequest({
          encodedDiagnosticMessage: `RDG1.${Buffer.from(JSON.stringify(foreign)).toString('base64')}`,
        }),
      ),
      'InvalidParameter.EncodedDiagnosticMessage',
      400,
    );
  });
});

describe('RAM tags', () => {
  beforeAll(async () => {
    for (const roleName of ['Tagged-A', 'Tagged-B'])
      await root.createRole(new M.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trust(uid) }));
    await root.createPolicy(new M.CreatePolicyRequest({ policyName: 'TaggedPolicy', policyDocument: doc }));
  });

  const list = async (req: ConstructorParameters<typeof M.ListTagResourcesRequest>[0]) =>
    (await root.listTagResources(new M.ListTagResourcesRequest(req))).body;

  it('tag, overwrite, list with filters and pages, untag by key and all', async () => {
    await root.tagResources(
      new M.TagResourcesRequest({
        resourceType: 'role',
        resourceNames: ['Tagged-A', 'tagged-b'],
        tag: [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'core' },
        ],
      }),
    );
    await ramClient(h.host, h.boot.root, 'v2').tagResources(
      new M.TagResourcesRequest({
        resourceType: 'role',
        resourceNames: ['Tagged-B'],
        tag: [{ key: 'env', value: 'dev' }],
      }),
    );
    const all = await list({ resourceType: 'role' });
    expect(all.tagResources).toEqual([
      { resourceName: 'Tagged-A', resourceType: 'role', tagKey: 'env', tagValue: 'prod' },
      { resourceName: 'Tagged-A', resourceType: 'role', tagKey: 'team', tagValue: 'core' },
      { resourceName: 'Tagged-B', resourceType: 'role', tagKey: 'env', tagValue: 'dev' },
      { resourceName: 'Tagged-B', resourceType: 'role', tagKey: 'team', tagValue: 'core' },
    ]);
    const prod = await list({ resourceType: 'role', tag: [{ key: 'env', value: 'prod' }] });
    expect(new Set(prod.tagResources?.map((t: { resourceName?: string }) => t.resourceName))).toEqual(
      new Set(['Tagged-A']),
    );
    const first = await list({ resourceType: 'role', pageSize: 3 });
    expect(first.tagResources).toHaveLength(3);
    const second = await list({ resourceType: 'role', pageSize: 3, nextToken: first.nextToken });
    expect(second.tagResources).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();

    await root.untagResources(
      new M.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['Tagged-A'], tagKeys: ['team'] }),
    );
    await root.untagResources(
      new M.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['Tagged-B'], all: true }),
    );
    expect((await list({ resourceType: 'role' })).tagResources).toEqual([
      { resourceName: 'Tagged-A', resourceType: 'role', tagKey: 'env', tagValue: 'prod' },
    ]);

    await root.tagResources(
      new M.TagResourcesRequest({
        resourceType: 'policy',
        resourceNames: ['TaggedPolicy'],
        tag: [{ key: 'k', value: '' }],
      }),
    );
    expect((await list({ resourceType: 'policy', resourceNames: ['TaggedPolicy'] })).tagResources).toEqual([
      { resourceName: 'TaggedPolicy', resourceType: 'policy', tagKey: 'k', tagValue: '' },
    ]);
  });

  it('a deleted and re-created role starts without tags', async () => {
    await root.createRole(new M.CreateRoleRequest({ roleName: 'Phoenix', assumeRolePolicyDocument: trust(uid) }));
    await root.tagResources(
      new M.TagResourcesRequest({ resourceType: 'role', resourceNames: ['Phoenix'], tag: [{ key: 'a', value: 'b' }] }),
    );
    await root.deleteRole(new M.DeleteRoleRequest({ roleName: 'Phoenix' }));
    await root.createRole(new M.CreateRoleRequest({ roleName: 'Phoenix', assumeRolePolicyDocument: trust(uid) }));
    expect((await list({ resourceType: 'role', resourceNames: ['Phoenix'] })).tagResources).toEqual([]);
  });

  it('documented errors and limits', async () => {
    const tag = (req: ConstructorParameters<typeof M.TagResourcesRequest>[0]) =>
      root.tagResources(new M.TagResourcesRequest(req));
    await refusedWith(
      tag({ resourceType: 'user', resourceNames: ['x'], tag: [{ key: 'a', value: 'b' }] }),
      'InvalidParameter.ResourceType',
      400,
    );
    await refusedWith(
      tag({ resourceType: 'role', resourceNames: ['Ghost'], tag: [{ key: 'a', value: 'b' }] }),
      'EntityNotExist.Role',
      404,
    );
    await refusedWith(
      tag({ resourceType: 'policy', resourceNames: ['Ghost'], tag: [{ key: 'a', value: 'b' }] }),
      'EntityNotExist.Policy',
      404,
    );
    await refusedWith(
      tag({ resourceType: 'role', resourceNames: [], tag: [{ key: 'a', value: 'b' }] }),
      'InvalidParameter.ResourceNames',
      400,
    );
    await refusedWith(
      tag({ resourceType: 'role', resourceNames: ['Tagged-A'], tag: [{ key: 'acs:x', value: 'b' }] }),
      'InvalidParameter.Tag',
      400,
    );
    await refusedWith(
      tag({ resourceType: 'role', resourceNames: ['Tagged-A'], tag: [{ key: 'k'.repeat(129), value: 'b' }] }),
      'InvalidParameter.Tag',
      400,
    );
    await refusedWith(
      tag({ resourceType: 'role', resourceNames: ['Tagged-A'], tag: [{ key: 'k', value: 'v'.repeat(257) }] }),
      'InvalidParameter.Tag',
      400,
    );
    const many = Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await refusedWith(tag({ resourceType: 'role', resourceNames: ['Tagged-A'], tag: many }), 'LimitExceeded.Tags', 409);
    await refusedWith(
      root.untagResources(
        new M.UntagResourcesRequest({ resourceType: 'role', resourceNames: ['Tagged-A'], tagKeys: ['x'.repeat(129)] }),
      ),
      'InvalidParameter.TagKeys',
      400,
    );
    await refusedWith(
      root.listTagResources(new M.ListTagResourcesRequest({ resourceType: 'role', nextToken: 'garbage' })),
      'InvalidParameter.NextToken',
      400,
    );
  });

  it('a Deny on one role holds when it is not the first one named', async () => {
    const u = await addRamUser(h, { name: 'tagger' });
    await root.createPolicy(
      new M.CreatePolicyRequest({
        policyName: 'TagAllButB',
        policyDocument: JSON.stringify({
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'ram:*', Resource: '*' },
            { Effect: 'Deny', Action: 'ram:TagResources', Resource: `acs:ram::${uid}:role/tagged-b` },
          ],
        }),
      }),
    );
    await root.attachPolicyToUser(
      new M.AttachPolicyToUserRequest({ policyType: 'Custom', policyName: 'TagAllButB', userName: 'tagger' }),
    );
    const e = await refusedWith(
      ramClient(h.host, u).tagResources(
        new M.TagResourcesRequest({
          resourceType: 'role',
          resourceNames: ['Tagged-A', 'Tagged-B'],
          tag: [{ key: 'sneaky', value: 'x' }],
        }),
      ),
      'NoPermission',
      403,
    );
    expect(e.data.Message).toContain('role/tagged-b');
    const keys = (await list({ resourceType: 'role' })).tagResources?.map((t: { tagKey?: string }) => t.tagKey);
    expect(keys).not.toContain('sneaky');
  });

  it('concurrent taggers cannot pass the 20-tag limit together', async () => {
    await root.createRole(new M.CreateRoleRequest({ roleName: 'Crowded', assumeRolePolicyDocument: trust(uid) }));
    const batch = (prefix: string) => Array.from({ length: 11 }, (_, i) => ({ key: `${prefix}${i}`, value: 'v' }));
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((p) =>
        root.tagResources(
          new M.TagResourcesRequest({ resourceType: 'role', resourceNames: ['Crowded'], tag: batch(p) }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('LimitExceeded.Tags');
    expect((await list({ resourceType: 'role', resourceNames: ['Crowded'] })).tagResources).toHaveLength(11);
  });

  it('hostile JSON is refused or stored as plain text', async () => {
    const raw = (params: Record<string, string>) =>
      coreClient(h.host, h.boot.root).call('TagResources', { ResourceType: 'role', ...params }, '2015-05-01');
    for (const [names, tags, code] of [
      ['not json', '[{"Key":"a","Value":"b"}]', 'InvalidParameter.ResourceNames'],
      ['[1,2]', '[{"Key":"a","Value":"b"}]', 'InvalidParameter.ResourceNames'],
      ['{"0":"Tagged-A"}', '[{"Key":"a","Value":"b"}]', 'InvalidParameter.ResourceNames'],
      [
        JSON.stringify(Array.from({ length: 51 }, (_, i) => `r${i}`)),
        '[{"Key":"a","Value":"b"}]',
        'InvalidParameter.ResourceNames',
      ],
      ['["Tagged-A"]', '[{"Key":{"x":1},"Value":"b"}]', 'InvalidParameter.Tag'],
      ['["Tagged-A"]', '[null]', 'InvalidParameter.Tag'],
      ['["Tagged-A"]', '{"Key":"a"}', 'InvalidParameter.Tag'],
      ['["Tagged-A"]', '[{"Key":"a","Value":7}]', 'InvalidParameter.Tag'],
    ] as const) {
      const e = await raw({ ResourceNames: names, Tag: tags }).then(
        () => 'OK',
        (x: { code?: string }) => x.code,
      );
      expect(e, `${names} ${tags}`).toBe(code);
    }
    await raw({
      ResourceNames: '["Tagged-A"]',
      Tag: '[{"Key":"__proto__","Value":"constructor"},{"Key":"ключ 🔑","Value":"значение"}]',
    });
    const tags = (await list({ resourceType: 'role', resourceNames: ['Tagged-A'] })).tagResources ?? [];
    expect(tags.map((t: { tagKey?: string }) => t.tagKey)).toEqual(expect.arrayContaining(['__proto__', 'ключ 🔑']));
    await root.untagResources(
      new M.UntagResourcesRequest({
        resourceType: 'role',
        resourceNames: ['Tagged-A'],
        tagKeys: ['__proto__', 'ключ 🔑'],
      }),
    );
  });

  it('tag operations need their RAM actions', async () => {
    const u = await addRamUser(h, { name: 'no-tags' });
    await refusedWith(
      ramClient(h.host, u).tagResources(
        new M.TagResourcesRequest({
          resourceType: 'role',
          resourceNames: ['Tagged-A'],
          tag: [{ key: 'a', value: 'b' }],
        }),
      ),
      'NoPermission',
      403,
    );
    const reader = await addRamUser(h, { name: 'ram-reader', policies: ['AliyunRAMFullAccess'] });
    const seen = await ramClient(h.host, reader).listTagResources(
      new M.ListTagResourcesRequest({ resourceType: 'role' }),
    );
    expect(seen.body.tagResources?.length).toBeGreaterThan(0);
  });
});
