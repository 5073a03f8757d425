import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import {
  MaxResultsParam,
  NextTokenParam,
  RESOURCE_TYPE_ERRORS,
  ResourceTypeParam,
  TagFilterTextParam,
  TOKEN_PAGING_ERRORS,
  typeOf,
  allOfTypeArn,
} from './tag-params.js';

/** The distinct tag keys on the directory's members (default) or folders, sorted; KeyFilter: a substring. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListTagKeys',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListTagKeys',
  officialParams: {
    '2020-03-31': ['KeyFilter', 'MaxResults', 'NextToken', 'ResourceType'],
    '2022-04-19': ['KeyFilter', 'MaxResults', 'NextToken', 'ResourceType'],
  },
  resource: allOfTypeArn,
  callerRule: 'management-account',
  input: Type.Object({
    KeyFilter: Type.Optional(TagFilterTextParam),
    ResourceType: Type.Optional(ResourceTypeParam),
    MaxResults: Type.Optional(MaxResultsParam),
    NextToken: Type.Optional(NextTokenParam),
  }),
  paramErrors: { ResourceType: RESOURCE_TYPE_ERRORS, ...TOKEN_PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.NextToken'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const type = typeOf(input.ResourceType);
    const max = Number(input.MaxResults ?? '10');
    const page = await ctx.services.tags.keys(dir.value, type, input.KeyFilter, max, input.NextToken);
    if (!page.ok) return page;
    return ok({ NextToken: page.value.nextToken, Tags: page.value.items.map((Key) => ({ Key })) });
  },
});
