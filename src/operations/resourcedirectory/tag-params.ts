import { Type } from '@sinclair/typebox';
import type { ParamErrors, ResourceRequest } from '../define.js';
import { MAX_TAGS_PER_RESOURCE } from '../../domain/directory/tag-rules.js';
import type { TaggedType } from '../../store/tag-ports.js';
import { callerDirectory } from './resources.js';

/** Parameter schemas of the tag operations and of the `Tag` / `IncludeTags` of other operations. */
const TagText = Type.String({ maxLength: 512 });
export const TagListParam = Type.Array(Type.Object({ Key: Type.Optional(TagText), Value: Type.Optional(TagText) }), {
  maxItems: MAX_TAGS_PER_RESOURCE,
  description: `Give Tag.N.Key and Tag.N.Value, N from 1 to ${MAX_TAGS_PER_RESOURCE}.`,
});
export const TAG_ERRORS: ParamErrors = { missing: 'MissingParameter.Tag', invalid: 'InvalidParameter.Tag' };

export const ResourceIdListParam = Type.Array(Type.String({ pattern: '^([0-9]{16}|(r|fd)-[A-Za-z0-9]{1,32})$' }), {
  maxItems: 50,
  description: 'Give ResourceId.N, N from 1 to 50: member account IDs or folder IDs.',
});
export const RESOURCE_ID_ERRORS: ParamErrors = {
  missing: 'MissingParameter.ResourceId',
  invalid: 'InvalidParameter.ResourceId',
};

export const ResourceTypeParam = Type.String({
  pattern: '^(Account|Folder)$',
  description: 'Specify Account (members) or Folder.',
});
export const RESOURCE_TYPE_ERRORS: ParamErrors = {
  missing: 'MissingParameter.ResourceType',
  invalid: 'InvalidParameter.ResourceType',
};

export const TagKeyListParam = Type.Array(Type.String({ maxLength: 512 }), {
  maxItems: MAX_TAGS_PER_RESOURCE,
  description: `Give TagKey.N, N from 1 to ${MAX_TAGS_PER_RESOURCE}.`,
});

/** A fuzzy filter of keys or values: at most 128 printable characters. */
export const TagFilterTextParam = Type.String({
  maxLength: 128,
  pattern: '^[^\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]+$',
  description: 'Specify at most 128 printable characters.',
});

export const MaxResultsParam = Type.String({
  pattern: '^([1-9]|[1-9][0-9]|100)$',
  description: 'Specify an integer from 1 to 100.',
});
export const NextTokenParam = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'Pass the NextToken of the previous page.',
});
export const TOKEN_PAGING_ERRORS: Record<'MaxResults' | 'NextToken', ParamErrors> = {
  MaxResults: { missing: 'InvalidParameter.MaxResults', invalid: 'InvalidParameter.MaxResults' },
  NextToken: { missing: 'InvalidParameter.NextToken', invalid: 'InvalidParameter.NextToken' },
};

export const IncludeTagsParam = Type.String({ pattern: '^(true|false)$', description: 'Specify true or false.' });

export const typeOf = (resourceType: string | undefined): TaggedType =>
  resourceType === 'Folder' ? 'Folder' : 'Account';

/** account/* or folder/*, by ResourceType (Account by default). */
export const allOfTypeArn = (r: ResourceRequest): string =>
  `acs:resourcemanager::${r.principal.accountId}:${typeOf(r.input.ResourceType) === 'Folder' ? 'folder' : 'account'}/*`;

/**
 * The ARN of each resource a tag operation names: account/<ResourceDirectoryPath> of a member,
 * folder/<ResourceDirectoryPath> of a folder; an unknown ID falls back to an ARN of the raw ID.
 * Without IDs, every resource of the type (account/* or folder/*).
 */
export async function taggedArns(
  r: ResourceRequest<{ ResourceType?: string; ResourceId?: string[] }>,
): Promise<string[]> {
  const type = typeOf(r.input.ResourceType);
  const base = `acs:resourcemanager::${r.principal.accountId}:${type === 'Account' ? 'account' : 'folder'}`;
  const ids = r.input.ResourceId ?? [];
  if (ids.length === 0) return [`${base}/*`];
  const dir = await callerDirectory(r);
  const out: string[] = [];
  for (const id of new Set(ids)) {
    if (!dir.ok) {
      out.push(`${base}/${id}`);
      continue;
    }
    if (type === 'Folder') {
      out.push(`${base}/${(await r.services.directory.folderPathOf(dir.value, id)) ?? `${dir.value.id}/${id}`}`);
      continue;
    }
    const member = await r.services.directory.memberOf(dir.value, id);
    out.push(`${base}/${member.ok ? await r.services.directory.pathOf(dir.value, member.value) : id}`);
  }
  return out;
}

/** The request with only its string parameters, for the ARN helpers of operations that also take lists. */
export const stringInputs = (r: ResourceRequest<object>): ResourceRequest => ({
  ...r,
  input: Object.fromEntries(Object.entries(r.input).filter(([, v]) => typeof v === 'string')),
});
