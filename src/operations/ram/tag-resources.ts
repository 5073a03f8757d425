/** TagResources, UntagResources, ListTagResources: tags on RAM roles and custom policies. */
import { Type } from '@sinclair/typebox';
import type { Tag, TaggedResource } from '../../domain/ram/tags.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation, type ParamErrors } from '../define.js';
import { RAM_VERSIONS } from './params.js';
import { authzEnv, jsonList, listPage, type RamTagType, tagArn, TAG_PARAM_ERRORS, tagList } from './tag-params.js';

const ResourceType = Type.String({ pattern: '^(role|policy)$', description: 'role or policy.' });
const Json = (description: string) => Type.String({ maxLength: 16_384, description });
const e = TAG_PARAM_ERRORS;

export const tagResources = defineOperation({
  product: 'Ram',
  action: 'TagResources',
  versions: RAM_VERSIONS,
  ramAction: 'ram:TagResources',
  officialParams: { '2015-05-01': ['ResourceNames', 'ResourceType', 'Tag'] },
  resource: (r) => tagArn(r.principal.accountId, r.input.ResourceType as RamTagType, r.input.ResourceNames),
  input: Type.Object({
    ResourceType,
    ResourceNames: Json('A JSON array of 1 to 50 names.'),
    Tag: Json('A JSON array of 1 to 20 {"Key","Value"}.'),
  }),
  paramErrors: { ResourceType: e.ResourceType, ResourceNames: e.ResourceNames, Tag: e.Tag },
  errors: [
    'InvalidParameter.ResourceNames',
    'InvalidParameter.Tag',
    'EntityNotExist.Role',
    'EntityNotExist.Policy',
    'LimitExceeded.Tags',
  ],
  async handler(ctx, input) {
    const type = input.ResourceType as RamTagType;
    const names = jsonList(input.ResourceNames, 50, 'InvalidParameter.ResourceNames');
    if (!names.ok) return names;
    const denied = await ctx.services.identity.tags.authorizeEach(
      ctx.principal,
      'ram:TagResources',
      type,
      names.value,
      authzEnv(ctx, ctx.audit.time),
    );
    if (denied) return err(denied);
    const tags = tagList(input.Tag);
    if (!tags.ok) return tags;
    const svc = ctx.services.identity.tags;
    const resources = await svc.resolve(ctx.principal.accountId, type, names.value);
    if (!resources.ok) return resources;
    const r = await svc.tag(ctx.principal.accountId, type, resources.value, tags.value);
    return r.ok ? ok({}) : r;
  },
});

export const untagResources = defineOperation({
  product: 'Ram',
  action: 'UntagResources',
  versions: RAM_VERSIONS,
  ramAction: 'ram:UntagResources',
  officialParams: { '2015-05-01': ['All', 'ResourceNames', 'ResourceType', 'TagKeys'] },
  resource: (r) => tagArn(r.principal.accountId, r.input.ResourceType as RamTagType, r.input.ResourceNames),
  input: Type.Object({
    ResourceType,
    ResourceNames: Json('A JSON array of 1 to 50 names.'),
    TagKeys: Type.Optional(Json('A JSON array of 1 to 20 tag keys.')),
    All: Type.Optional(Type.String({ pattern: '^(true|false)$', description: 'true or false.' })),
  }),
  paramErrors: { ResourceType: e.ResourceType, ResourceNames: e.ResourceNames, TagKeys: e.TagKeys, All: e.All },
  errors: [
    'InvalidParameter.ResourceNames',
    'InvalidParameter.TagKeys',
    'EntityNotExist.Role',
    'EntityNotExist.Policy',
  ],
  async handler(ctx, input) {
    const type = input.ResourceType as RamTagType;
    const names = jsonList(input.ResourceNames, 50, 'InvalidParameter.ResourceNames');
    if (!names.ok) return names;
    const denied = await ctx.services.identity.tags.authorizeEach(
      ctx.principal,
      'ram:UntagResources',
      type,
      names.value,
      authzEnv(ctx, ctx.audit.time),
    );
    if (denied) return err(denied);
    // TagKeys names the tags to remove; without it, All=true removes every tag and All=false nothing.
    let keys: readonly string[] | 'all' = input.All === 'true' ? 'all' : [];
    if (input.TagKeys !== undefined) {
      const k = jsonList(input.TagKeys, 20, 'InvalidParameter.TagKeys', 128);
      if (!k.ok) return k;
      keys = k.value;
    }
    const svc = ctx.services.identity.tags;
    const resources = await svc.resolve(ctx.principal.accountId, type, names.value);
    if (!resources.ok) return resources;
    await svc.untag(ctx.principal.accountId, type, resources.value, keys);
    return ok({});
  },
});

export const listTagResources = defineOperation({
  product: 'Ram',
  action: 'ListTagResources',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:ListTagResources',
  officialParams: { '2015-05-01': ['NextToken', 'PageSize', 'ResourceNames', 'ResourceType', 'Tag'] },
  resource: (r) => tagArn(r.principal.accountId, r.input.ResourceType as RamTagType, r.input.ResourceNames),
  input: Type.Object({
    ResourceType,
    ResourceNames: Type.Optional(Json('A JSON array of 1 to 50 names.')),
    Tag: Type.Optional(Json('A JSON array of 1 to 20 {"Key","Value"}; Value may be left out.')),
    NextToken: Type.Optional(Type.String({ maxLength: 64, description: 'The NextToken of the previous page.' })),
    PageSize: Type.Optional(Type.String({ pattern: '^([1-9][0-9]?|100)$', description: '1 to 100 (default 50).' })),
  }),
  paramErrors: {
    ResourceType: e.ResourceType,
    ResourceNames: e.ResourceNames,
    Tag: e.Tag,
    NextToken: e.NextToken,
    PageSize: e.PageSize,
  } satisfies Record<string, ParamErrors>,
  errors: [
    'InvalidParameter.ResourceNames',
    'InvalidParameter.Tag',
    'InvalidParameter.NextToken',
    'EntityNotExist.Role',
    'EntityNotExist.Policy',
  ],
  async handler(ctx, input) {
    const type = input.ResourceType as RamTagType;
    const svc = ctx.services.identity.tags;
    let resources: TaggedResource[] | undefined;
    if (input.ResourceNames !== undefined) {
      const names = jsonList(input.ResourceNames, 50, 'InvalidParameter.ResourceNames');
      if (!names.ok) return names;
      const denied = await svc.authorizeEach(
        ctx.principal,
        'ram:ListTagResources',
        type,
        names.value,
        authzEnv(ctx, ctx.audit.time),
      );
      if (denied) return err(denied);
      const found = await svc.resolve(ctx.principal.accountId, type, names.value);
      if (!found.ok) return found;
      resources = found.value;
    }
    let filter: Tag[] | undefined;
    if (input.Tag !== undefined) {
      const t = tagList(input.Tag, true);
      if (!t.ok) return t;
      filter = t.value;
    }
    let rows = await svc.list(ctx.principal.accountId, type, resources);
    if (filter) {
      const f = filter;
      const names = new Set(
        rows
          .filter((row) => f.some((t) => t.key === row.key && (t.value === '' || t.value === row.value)))
          .map((row) => row.name),
      );
      rows = rows.filter((row) => names.has(row.name));
    }
    const page = listPage(rows, input.NextToken, Number(input.PageSize ?? '50'));
    if (!page.ok) return page;
    return ok({
      TagResources: page.value.items.map((row) => ({
        ResourceName: row.name,
        ResourceType: type,
        TagKey: row.key,
        TagValue: row.value,
      })),
      ...(page.value.next ? { NextToken: page.value.next } : {}),
    });
  },
});
