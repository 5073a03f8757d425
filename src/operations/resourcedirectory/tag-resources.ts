import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { tagsToSet } from '../../domain/directory/tag-rules.js';
import {
  RESOURCE_ID_ERRORS,
  RESOURCE_TYPE_ERRORS,
  ResourceIdListParam,
  ResourceTypeParam,
  TAG_ERRORS,
  TagListParam,
  taggedArns,
  typeOf,
} from './tag-params.js';

/**
 * Sets tags on members (ResourceType Account) or folders (Folder) of the caller's directory: all
 * resources or none; a key a resource has already gets the new value; at most 20 tags per resource.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'TagResources',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:TagResources',
  officialParams: {
    '2020-03-31': ['ResourceId', 'ResourceType', 'Tag'],
    '2022-04-19': ['ResourceId', 'ResourceType', 'Tag'],
  },
  resource: () => '*',
  resolveResources: taggedArns,
  callerRule: 'management-account',
  input: Type.Object({ ResourceId: ResourceIdListParam, ResourceType: ResourceTypeParam, Tag: TagListParam }),
  paramErrors: { ResourceId: RESOURCE_ID_ERRORS, ResourceType: RESOURCE_TYPE_ERRORS, Tag: TAG_ERRORS },
  errors: [
    'ResourceDirectoryNotInUse',
    'InvalidParameter.TagKey',
    'InvalidParameter.TagValue',
    'InvalidParameter.Tag',
    'EntityNotExists.Account',
    'EntityNotExists.Folder',
    'LimitExceeded.TagsPerResource',
  ],
  async handler(ctx, input) {
    const tags = tagsToSet(input.Tag);
    if (!tags.ok) return tags;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.tags.tag(dir.value, typeOf(input.ResourceType), input.ResourceId, tags.value);
    if (!done.ok) return done;
    return ok({});
  },
});
