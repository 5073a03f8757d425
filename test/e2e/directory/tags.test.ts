/**
 * Tags on members and folders through the official clients: the 2020-03-31 product SDK and the
 * generic client on 2022-04-19. Success with every model field, the Tag filters and IncludeTags,
 * every documented error, the key and value rules, permissions, hostile input, the 20-tag limit
 * under races, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../../support/harness.js';
import { coreClient, productClient, rmModels as RM } from '../../support/clients.js';
import { addResourceAccountMember, addStandaloneAccount } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import { expectModelFields } from '../../support/model-fields.js';

type Json = Record<string, unknown>;
let h: Harness;
let core: ReturnType<typeof coreClient>;
beforeAll(async () => {
  h = await startResdir();
  core = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

/** Tag.N.Key / Tag.N.Value (and ResourceId.N) as the wire carries them. */
const tagParams = (tags: Record<string, string>, prefix = 'Tag'): Record<string, string> =>
  Object.fromEntries(
    Object.entries(tags).flatMap(([k, v], i) => [
      [`${prefix}.${i + 1}.Key`, k],
      [`${prefix}.${i + 1}.Value`, v],
    ]),
  );
const ids = (list: string[], prefix = 'ResourceId'): Record<string, string> =>
  Object.fromEntries(list.map((id, i) => [`${prefix}.${i + 1}`, id]));
const tag = (resources: string[], tags: Record<string, string>, type = 'Account') =>
  core.call('TagResources', { ResourceType: type, ...ids(resources), ...tagParams(tags) });
const tagsOf = async (id: string, type = 'Account') =>
  Object.fromEntries(
    (
      (await core.call('ListTagResources', { ResourceType: type, ...ids([id]), MaxResults: '100' }))
        .TagResources as Json[]
    ).map((t) => [t.TagKey, t.TagValue]),
  );

describe('tags through the 2020-03-31 SDK', () => {
  it('tag, list, filter, include and untag members; every model field present', async () => {
    const sdk = productClient(h.host, h.boot.admin);
    const a = await addResourceAccountMember(h);
    const b = await addResourceAccountMember(h);
    const T = (key: string, value: string) => new RM.TagResourcesRequestTag({ key, value });
    const tagged = await sdk.tagResources(
      new RM.TagResourcesRequest({
        resourceType: 'Account',
        resourceId: [a, b],
        tag: [T('env', 'prod'), T('team', 'x')],
      }),
    );
    expect(tagged.body.requestId).toBeTypeOf('string');
    await sdk.tagResources(
      new RM.TagResourcesRequest({ resourceType: 'Account', resourceId: [b], tag: [T('env', 'dev')] }),
    );

    const listed = await sdk.listTagResources(
      new RM.ListTagResourcesRequest({ resourceType: 'Account', resourceId: [a, b] }),
    );
    const rows = listed.body.tagResources.map((t: Json) => `${t.resourceId}:${t.tagKey}=${t.tagValue}`);
    expect(rows.sort()).toEqual([`${a}:env=prod`, `${a}:team=x`, `${b}:env=dev`, `${b}:team=x`].sort());

    const keys = await sdk.listTagKeys(new RM.ListTagKeysRequest({ resourceType: 'Account', keyFilter: 'EN' }));
    expect(keys.body.tags.map((t: Json) => t.key)).toEqual(['env']);
    const values = await sdk.listTagValues(new RM.ListTagValuesRequest({ resourceType: 'Account', tagKey: 'env' }));
    expect(values.body.tags.map((t: Json) => t.value)).toEqual(['dev', 'prod']);

    const got = await sdk.getAccount(new RM.GetAccountRequest({ accountId: a, includeTags: true }));
    expect(got.body.account.tags).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'x' },
    ]);
    expect((await sdk.getAccount(new RM.GetAccountRequest({ accountId: a }))).body.account.tags).toEqual([]);

    const filtered = await sdk.listAccounts(
      new RM.ListAccountsRequest({
        includeTags: true,
        tag: [new RM.ListAccountsRequestTag({ key: 'env', value: 'prod' })],
      }),
    );
    expect(filtered.body.accounts.account.map((x: Json) => x.accountId)).toEqual([a]);
    expect(filtered.body.accounts.account[0].tags.tag).toHaveLength(2);
    const anyTeam = await sdk.listAccountsForParent(
      new RM.ListAccountsForParentRequest({
        parentFolderId: h.boot.rootFolderId,
        tag: [new RM.ListAccountsForParentRequestTag({ key: 'team' })],
      }),
    );
    expect(anyTeam.body.accounts.account.map((x: Json) => x.accountId).sort()).toEqual([a, b].sort());
    expect(anyTeam.body.accounts.account[0].tags.tag).toEqual([]);

    const untagged = await sdk.untagResources(
      new RM.UntagResourcesRequest({ resourceType: 'Account', resourceId: [a], tagKey: ['team', 'absent'] }),
    );
    expect(untagged.body.requestId).toBeTypeOf('string');
    expect(await tagsOf(a)).toEqual({ env: 'prod' });
    await sdk.untagResources(new RM.UntagResourcesRequest({ resourceType: 'Account', resourceId: [a, b], all: true }));
    expect(await tagsOf(a)).toEqual({});
    expect(await tagsOf(b)).toEqual({});
  });
});

describe('tags through the 2022-04-19 generic client', () => {
  it('every field of the SDK models is returned', async () => {
    const m = await addResourceAccountMember(h);
    expectModelFields(await tag([m], { f: '1' }), 'TagResourcesResponseBody');
    const listed = await core.call('ListTagResources', ids([m]));
    expectModelFields(listed, 'ListTagResourcesResponseBody');
    expectModelFields((listed.TagResources as Json[])[0], 'ListTagResourcesResponseBodyTagResources');
    const keys = await core.call('ListTagKeys', {});
    expectModelFields(keys, 'ListTagKeysResponseBody');
    expectModelFields((keys.Tags as Json[])[0], 'ListTagKeysResponseBodyTags');
    const values = await core.call('ListTagValues', { TagKey: 'f' });
    expectModelFields(values, 'ListTagValuesResponseBody');
    expectModelFields((values.Tags as Json[])[0], 'ListTagValuesResponseBodyTags');
    const untagged = await core.call('UntagResources', { ResourceType: 'Account', ...ids([m]), All: 'true' });
    expectModelFields(untagged, 'UntagResourcesResponseBody');
  });

  it('folders: CreateFolder with Tag, TagResources, the Tag filter of ListFoldersForParent', async () => {
    const made = (await core.call('CreateFolder', { FolderName: 'tagged', ...tagParams({ cost: 'c1' }) }))
      .Folder as Json;
    const plain = (await core.call('CreateFolder', { FolderName: 'untagged' })).Folder as Json;
    expect(await tagsOf(made.FolderId as string, 'Folder')).toEqual({ cost: 'c1' });
    await tag([plain.FolderId as string], { cost: 'c2' }, 'Folder');
    const only = await core.call('ListFoldersForParent', { ...tagParams({ cost: 'c1' }) });
    expect(((only.Folders as Json).Folder as Json[]).map((f) => f.FolderName)).toEqual(['tagged']);
    const both = await core.call('ListFoldersForParent', { 'Tag.1.Key': 'cost' });
    expect(((both.Folders as Json).Folder as Json[]).map((f) => f.FolderName).sort()).toEqual(['tagged', 'untagged']);
    const keys = await core.call('ListTagKeys', { ResourceType: 'Folder' });
    expect(keys).toMatchObject({ Tags: [{ Key: 'cost' }], NextToken: '' });
    await refusedWith(tag(['fd-0000000000'], { k: 'v' }, 'Folder'), 'EntityNotExists.Folder', 404);
    await core.call('DeleteFolder', { FolderId: plain.FolderId as string });
    expect(await h.app.store.tags.tagsOf('Folder', [plain.FolderId as string])).toEqual([]);
  });

  it('CreateResourceAccount with Tag tags the new member; a bad tag creates nothing', async () => {
    const made = (await core.call('CreateResourceAccount', { DisplayName: 'tagged member', ...tagParams({ a: '1' }) }))
      .Account as Json;
    const got = await core.call('GetAccount', { AccountId: made.AccountId as string, IncludeTags: 'true' });
    expect((got.Account as Json).Tags).toEqual([{ Key: 'a', Value: '1' }]);
    await refusedWith(
      core.call('CreateResourceAccount', { DisplayName: 'never made', ...tagParams({ 'aliyun:x': '1' }) }),
      'InvalidParameter.TagKey',
      400,
    );
    const listed = await core.call('ListAccounts', { QueryKeyword: 'never made' });
    expect(listed.TotalCount).toBe(0);
  });

  it('InviteAccountToResourceDirectory with Tag: the member gets the tags when it accepts', async () => {
    const invitee = await addStandaloneAccount(h);
    const invited = await core.call('InviteAccountToResourceDirectory', {
      TargetEntity: invitee.accountId,
      TargetType: 'Account',
      ...tagParams({ origin: 'invited', team: 'y' }),
    });
    const handshakeId = (invited.Handshake as Json).HandshakeId as string;
    await refusedWith(
      core.call('InviteAccountToResourceDirectory', {
        TargetEntity: invitee.accountId,
        TargetType: 'Account',
        ...tagParams({ 'acs:bad': 'x' }),
      }),
      'InvalidParameter.TagKey',
      400,
    );
    await coreClient(h.host, invitee.admin).call('AcceptHandshake', { HandshakeId: handshakeId });
    expect(await tagsOf(invitee.accountId)).toEqual({ origin: 'invited', team: 'y' });
    expect(await h.app.store.tags.tagsOf('Handshake', [handshakeId])).toEqual([]);
  });

  it('pages ListTagKeys, ListTagValues and ListTagResources by NextToken', async () => {
    const m = await addResourceAccountMember(h);
    await tag([m], { 'pg-a': '1', 'pg-b': '2', 'pg-c': '3' });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await core.call('ListTagKeys', {
        KeyFilter: 'pg-',
        MaxResults: '2',
        ...(token ? { NextToken: token } : {}),
      });
      seen.push(...(page.Tags as Json[]).map((t) => t.Key as string));
      token = (page.NextToken as string) || undefined;
    } while (token);
    expect(seen).toEqual(['pg-a', 'pg-b', 'pg-c']);
    const first = await core.call('ListTagResources', { ...ids([m]), MaxResults: '2' });
    expect(first.TagResources as Json[]).toHaveLength(2);
    const rest = await core.call('ListTagResources', { ...ids([m]), NextToken: first.NextToken as string });
    expect(rest).toMatchObject({ NextToken: '', TagResources: [{ TagKey: 'pg-c', TagValue: '3' }] });
    await refusedWith(core.call('ListTagKeys', { NextToken: 'bm90LWEtdG9rZW4' }), 'InvalidParameter.NextToken', 400);
  });
});

it('every refusal above was declared by its operation', () => {
  expect(h.logs.join('')).not.toContain('undeclared error code');
});
