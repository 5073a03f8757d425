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

/** The distinct values of one tag key on the directory's members (default) or folders, sorted. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListTagValues',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListTagValues',
  officialParams: {
    '2020-03-31': ['MaxResults', 'NextToken', 'ResourceType', 'TagKey', 'ValueFilter'],
    '2022-04-19': ['MaxResults', 'NextToken', 'ResourceType', 'TagKey', 'ValueFilter'],
  },
  resource: allOfTypeArn,
  callerRule: 'management-account',
  input: Type.Object({
    TagKey: Type.String({ maxLength: 128, pattern: '^[^\\u0000-\\u001f\\u007f]+$', description: 'The tag key.' }),
    ValueFilter: Type.Optional(TagFilterTextParam),
    ResourceType: Type.Optional(ResourceTypeParam),
    MaxResults: Type.Optional(MaxResultsParam),
    NextToken: Type.Optional(NextTokenParam),
  }),
  paramErrors: {
    TagKey: { missing: 'MissingParameter', invalid: 'InvalidParameter.TagKey' },
    ResourceType: RESOURCE_TYPE_ERRORS,
    ...TOKEN_PAGING_ERRORS,
  },
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.NextToken'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const type = typeOf(input.ResourceType);
    const max = Number(input.MaxResults ?? '10');
    const page = await ctx.services.tags.values(dir.value, type, input.TagKey, input.ValueFilter, max, input.NextToken);
    if (!page.ok) return page;
    return ok({ NextToken: page.value.nextToken, Tags: page.value.items.map((Value) => ({ Value })) });
  },
});
