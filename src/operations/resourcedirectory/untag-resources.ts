import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { failure } from '../../errors/catalog.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { keysToRemove } from '../../domain/directory/tag-rules.js';
import {
  RESOURCE_ID_ERRORS,
  RESOURCE_TYPE_ERRORS,
  ResourceIdListParam,
  ResourceTypeParam,
  TagKeyListParam,
  taggedArns,
  typeOf,
} from './tag-params.js';

/**
 * Removes tags from members or folders: the keys TagKey.N, or every tag with All=true (TagKey.N is
 * then ignored). A key a resource does not have is not an error. All resources or none.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UntagResources',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:UntagResources',
  officialParams: {
    '2020-03-31': ['All', 'ResourceId', 'ResourceType', 'TagKey'],
    '2022-04-19': ['All', 'ResourceId', 'ResourceType', 'TagKey'],
  },
  resource: () => '*',
  resolveResources: taggedArns,
  callerRule: 'management-account',
  input: Type.Object({
    ResourceId: ResourceIdListParam,
    ResourceType: ResourceTypeParam,
    TagKey: Type.Optional(TagKeyListParam),
    All: Type.Optional(Type.String({ pattern: '^(true|false)$', description: 'Specify true or false.' })),
  }),
  paramErrors: {
    ResourceId: RESOURCE_ID_ERRORS,
    ResourceType: RESOURCE_TYPE_ERRORS,
    TagKey: { missing: 'MissingParameter', invalid: 'InvalidParameter.TagKey' },
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'MissingParameter',
    'InvalidParameter.TagKey',
    'EntityNotExists.Account',
    'EntityNotExists.Folder',
  ],
  async handler(ctx, input) {
    const all = input.All === 'true';
    if (!all && input.TagKey === undefined) {
      return err(failure('MissingParameter', 'Give TagKey.N, or All=true to remove every tag.'));
    }
    const keys = all ? undefined : keysToRemove(input.TagKey ?? []);
    if (keys && !keys.ok) return keys;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const type = typeOf(input.ResourceType);
    const done = await ctx.services.tags.untag(dir.value, type, input.ResourceId, keys ? keys.value : 'all');
    if (!done.ok) return done;
    return ok({});
  },
});
