import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { tagFilter } from '../../domain/directory/tag-rules.js';
import {
  MaxResultsParam,
  NextTokenParam,
  RESOURCE_ID_ERRORS,
  RESOURCE_TYPE_ERRORS,
  ResourceIdListParam,
  ResourceTypeParam,
  TAG_ERRORS,
  TagListParam,
  TOKEN_PAGING_ERRORS,
  taggedArns,
  typeOf,
} from './tag-params.js';

/**
 * The tags of the directory's members (ResourceType Account, the default) or folders, one entry
 * per resource and key, by resource then key: only of ResourceId.N when given, only tags matching
 * one Tag.N when given (a Tag.N without Value matches any value of the key).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListTagResources',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListTagResources',
  officialParams: {
    '2020-03-31': ['MaxResults', 'NextToken', 'ResourceId', 'ResourceType', 'Tag'],
    '2022-04-19': ['MaxResults', 'NextToken', 'ResourceId', 'ResourceType', 'Tag'],
  },
  resource: () => '*',
  resolveResources: taggedArns,
  callerRule: 'management-account',
  input: Type.Object({
    ResourceId: Type.Optional(ResourceIdListParam),
    ResourceType: Type.Optional(ResourceTypeParam),
    Tag: Type.Optional(TagListParam),
    MaxResults: Type.Optional(MaxResultsParam),
    NextToken: Type.Optional(NextTokenParam),
  }),
  paramErrors: {
    ResourceId: RESOURCE_ID_ERRORS,
    ResourceType: RESOURCE_TYPE_ERRORS,
    Tag: TAG_ERRORS,
    ...TOKEN_PAGING_ERRORS,
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
    'InvalidParameter.NextToken',
  ],
  async handler(ctx, input) {
    const tags = tagFilter(input.Tag);
    if (!tags.ok) return tags;
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const filter = {
      ...(input.ResourceId ? { resourceIds: input.ResourceId } : {}),
      ...(tags.value ? { tags: tags.value } : {}),
    };
    const max = Number(input.MaxResults ?? '10');
    const page = await ctx.services.tags.resources(dir.value, typeOf(input.ResourceType), filter, max, input.NextToken);
    if (!page.ok) return page;
    return ok({
      NextToken: page.value.nextToken,
      TagResources: page.value.items.map((t) => ({
        ResourceId: t.resource_id,
        ResourceType: t.resource_type,
        TagKey: t.tag_key,
        TagValue: t.tag_value,
      })),
    });
  },
});
