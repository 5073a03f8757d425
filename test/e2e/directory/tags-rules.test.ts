/**
 * The rules of Resource Directory tags through the generic client (2022-04-19 and 2020-03-31):
 * key and value limits, the 20-tag limit (also under racing TagResources), all-or-nothing changes,
 * hostile input, permissions on each named resource, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, ramClient, ramModels as RAM } from '../../support/clients.js';
import {
  addAccessKey,
  addAccountWithDirectory,
  addRamUser,
  addResourceAccountMember,
} from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

const tagParams = (tags: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tags).flatMap(([k, v], i) => [
      [`Tag.${i + 1}.Key`, k],
      [`Tag.${i + 1}.Value`, v],
    ]),
  );
const ids = (list: string[]): Record<string, string> =>
  Object.fromEntries(list.map((id, i) => [`ResourceId.${i + 1}`, id]));
const many = (n: number, prefix: string): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, `v${i}`]));
const tag = (resources: string[], tags: Record<string, string>, version = '2022-04-19', c = core) =>
  c.call('TagResources', { ResourceType: 'Account', ...ids(resources), ...tagParams(tags) }, version);
const count = async (id: string) =>
  ((await core.call('ListTagResources', { ...ids([id]), MaxResults: '100' })).TagResources as Json[]).length;

describe('key and value rules, in both versions', () => {
  it.each(['2020-03-31', '2022-04-19'])('%s: invalid keys and values are refused and write nothing', async (v) => {
    const m = await addResourceAccountMember(h);
    const badKeys = ['aliyunx', 'Aliyun', 'acs:x', 'ACS:x', 'k'.repeat(129), 'http://x', 'a https://b', 'x\u202e'];
    for (const key of badKeys) await refusedWith(tag([m], { ok: '1', [key]: 'v' }, v), 'InvalidParameter.TagKey', 400);
    // NUL is refused before validation, with the list's code.
    await refusedWith(tag([m], { ok: '1', 'a\u0000b': 'v' }, v), 'InvalidParameter.Tag', 400);
    await refusedWith(
      core.call('TagResources', { ResourceType: 'Account', ...ids([m]), 'Tag.1.Value': 'v' }, v),
      'InvalidParameter.TagKey',
      400,
    );
    for (const value of ['acs:v', 'v'.repeat(129), 'see https://x', 'a\nb']) {
      await refusedWith(tag([m], { ok: '1', k: value }, v), 'InvalidParameter.TagValue', 400);
    }
    expect(await count(m)).toBe(0);
    await tag([m], { ['中'.repeat(128)]: '😀'.repeat(128), 'x-aliyun': 'aliyun', empty: '' }, v);
    expect(await count(m)).toBe(3);
  });

  it('request shape: missing lists, duplicate keys, more than 20, bare names, bad ResourceType', async () => {
    const m = await addResourceAccountMember(h);
    const call = (p: Record<string, string>) => core.call('TagResources', p);
    await refusedWith(call({ ResourceType: 'Account', ...tagParams({ k: 'v' }) }), 'MissingParameter.ResourceId', 400);
    await refusedWith(call({ ResourceType: 'Account', ...ids([m]) }), 'MissingParameter.Tag', 400);
    await refusedWith(call({ ...ids([m]), ...tagParams({ k: 'v' }) }), 'MissingParameter.ResourceType', 400);
    await refusedWith(
      call({ ResourceType: 'Member', ...ids([m]), ...tagParams({ k: 'v' }) }),
      'InvalidParameter.ResourceType',
      400,
    );
    await refusedWith(
      call({ ResourceType: 'Account', ...ids([m]), 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' }),
      'InvalidParameter.Tag',
      400,
    );
    await refusedWith(
      call({ ResourceType: 'Account', ...ids([m]), ...tagParams(many(21, 'k')) }),
      'InvalidParameter.Tag',
      400,
    );
    await refusedWith(call({ ResourceType: 'Account', ...ids([m]), Tag: 'k=v' }), 'InvalidParameter.Tag', 400);
    await refusedWith(call({ ResourceType: 'Account', ...ids([m]), 'Tag.1.Colour': 'x' }), 'InvalidParameter.Tag', 400);
    await refusedWith(call({ ResourceType: 'Account', ...ids([m]), 'Tag.x.Key': 'k' }), 'InvalidParameter.Tag', 400);
    for (const bad of ['abc', '123', `${m}\u0000`, '../etc', 'fd-']) {
      await refusedWith(
        call({ ResourceType: 'Account', 'ResourceId.1': bad, ...tagParams({ k: 'v' }) }),
        'InvalidParameter.ResourceId',
        400,
      );
    }
    await refusedWith(core.call('UntagResources', { ResourceType: 'Account', ...ids([m]) }), 'MissingParameter', 400);
    await refusedWith(core.call('ListTagValues', {}), 'MissingParameter', 400);
    await refusedWith(core.call('ListTagKeys', { MaxResults: '101' }), 'InvalidParameter.MaxResults', 400);
    await refusedWith(core.call('ListAccounts', { 'Tag.1.Value': 'only-a-value' }), 'InvalidParameter.TagKey', 400);
    expect(await count(m)).toBe(0);
  });

  it('at most 20 tags per resource; a key it has already does not count twice', async () => {
    const m = await addResourceAccountMember(h);
    await tag([m], many(20, 'k'));
    await tag([m], { k0: 'new value', k19: 'again' });
    const e = await refusedWith(tag([m], { extra: 'x' }), 'LimitExceeded.TagsPerResource', 409);
    expect(e.message).toContain(m);
    await core.call('UntagResources', { ResourceType: 'Account', ...ids([m]), 'TagKey.1': 'k0' });
    await tag([m], { extra: 'x' });
    expect(await count(m)).toBe(20);
  });

  it('all or nothing: an unknown member, or one of another directory, fails the whole call', async () => {
    const m = await addResourceAccountMember(h);
    const other = await addAccountWithDirectory(h);
    const theirs = await addResourceAccountMember(h, other);
    await refusedWith(tag([m, '1999999999999999'], { k: 'v' }), 'EntityNotExists.Account', 404);
    await refusedWith(tag([m, theirs], { k: 'v' }), 'EntityNotExists.Account', 404);
    await refusedWith(
      core.call('UntagResources', { ResourceType: 'Account', ...ids([m, theirs]), All: 'true' }),
      'EntityNotExists.Account',
      404,
    );
    expect(await count(m)).toBe(0);
    const listed = await core.call('ListTagResources', { ...ids([theirs]) });
    expect(listed.TagResources).toEqual([]);
  });
});

describe('hostile list entries', () => {
  it('each entry of each list, hostile alone, is stored faithfully or refused below 500 with a code', async () => {
    const m = await addResourceAccountMember(h);
    const hostile = ['', ' ', '%', '\u202eevil', 'x\u200by', '😀', "'; drop table rd_tags; --", '[]'];
    hostile.push('a'.repeat(5000));
    const calls: Array<[string, Record<string, string>, string]> = [
      ['TagResources', { ResourceType: 'Account', ...ids([m]), 'Tag.1.Value': 'v' }, 'Tag.1.Key'],
      ['TagResources', { ResourceType: 'Account', ...ids([m]), 'Tag.1.Key': 'k' }, 'Tag.1.Value'],
      ['TagResources', { ResourceType: 'Account', ...tagParams({ k: 'v' }) }, 'ResourceId.1'],
      ['UntagResources', { ResourceType: 'Account', ...ids([m]) }, 'TagKey.1'],
      ['ListTagResources', {}, 'Tag.1.Key'],
      ['ListAccounts', {}, 'Tag.1.Key'],
      ['ListFoldersForParent', {}, 'Tag.1.Value'],
    ];
    for (const [action, base, name] of calls) {
      for (const value of hostile) {
        for (const version of ['2020-03-31', '2022-04-19']) {
          const e = await core.call(action, { ...base, [name]: value }, version).then(
            () => undefined,
            (x: { statusCode?: number; code?: string }) => x,
          );
          if (e === undefined) continue;
          const what = `${action} ${version} ${name}=${JSON.stringify(value).slice(0, 40)}`;
          expect(e.statusCode, what).toBeGreaterThanOrEqual(400);
          expect(e.statusCode, what).toBeLessThan(500);
          expect(e.code, what).toBeTypeOf('string');
        }
      }
    }
    const stored = (await core.call('ListTagResources', { ...ids([m]), MaxResults: '100' })).TagResources as Json[];
    for (const t of stored) expect([...hostile, 'k']).toContain(t.TagKey);
  });
});

describe('concurrency', () => {
  it('two TagResources racing the 20-tag limit: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const m = await addResourceAccountMember(h);
      await tag([m], many(10, 'base'));
      const results = await Promise.allSettled([tag([m], many(10, 'left')), tag([m], many(10, 'right'))]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason.code).toBe('LimitExceeded.TagsPerResource');
      expect(await count(m)).toBe(20);
    }
  });
});

describe('permission', () => {
  it('read-only access may list tags but not change them', async () => {
    const m = await addResourceAccountMember(h);
    const ro = coreClient(h.host, await addRamUser(h, { policies: ['AliyunResourceDirectoryReadOnlyAccess'] }));
    await ro.call('ListTagResources', ids([m]));
    await ro.call('ListTagKeys', {});
    await ro.call('ListTagValues', { TagKey: 'k' });
    for (const action of ['TagResources', 'UntagResources']) {
      const e = await refusedWith(
        ro.call(action, { ResourceType: 'Account', ...ids([m]), ...tagParams({ k: 'v' }), All: 'true' }),
        'NoPermission',
        403,
      );
      expect(e.data.Message).toContain(`resourcemanager:${action}`);
    }
  });

  it('a Deny on one member refuses a call naming it among others, and names its ARN', async () => {
    const [a, b] = [await addResourceAccountMember(h), await addResourceAccountMember(h)];
    const path = `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${b}`;
    const arn = `acs:resourcemanager::${h.boot.managementAccountId}:account/${path}`;
    const doc = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'resourcemanager:*', Resource: '*' },
        { Effect: 'Deny', Action: 'resourcemanager:TagResources', Resource: arn },
      ],
    });
    const root = ramClient(h.host, h.boot.root);
    await root.createPolicy(new RAM.CreatePolicyRequest({ policyName: 'NoTagB', policyDocument: doc }));
    const u = await addRamUser(h, { name: 'no-tag-b' });
    await root.attachPolicyToUser(
      new RAM.AttachPolicyToUserRequest({ userName: 'no-tag-b', policyType: 'Custom', policyName: 'NoTagB' }),
    );
    const c = coreClient(h.host, u);
    const e = await refusedWith(tag([a, b], { k: 'v' }, '2022-04-19', c), 'NoPermission', 403);
    expect(e.data.Message).toContain(arn);
    expect(await count(a)).toBe(0);
    await tag([a], { k: 'v' }, '2022-04-19', c);
    expect(await count(a)).toBe(1);
  });

  it('a member account cannot tag or read tags', async () => {
    const c = coreClient(h.host, await addAccessKey(h, h.boot.member.accountId, null));
    await refusedWith(tag([h.boot.member.accountId], { k: 'v' }, '2022-04-19', c), 'NoPermission', 403);
    await refusedWith(c.call('ListTagKeys', {}), 'NoPermission', 403);
  });
});

describe('audit', () => {
  it('TagResources and UntagResources are found by LookupEvents', async () => {
    const m = await addResourceAccountMember(h);
    await tag([m], { audited: 'yes' });
    await core.call('UntagResources', { ResourceType: 'Account', ...ids([m]), All: 'true' });
    const ev = (await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')) as {
      Events: Array<{ eventName: string; errorCode?: string }>;
    };
    const names = ev.Events.filter((e) => e.errorCode === undefined).map((e) => e.eventName);
    for (const n of ['TagResources', 'UntagResources']) expect(names).toContain(n);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
