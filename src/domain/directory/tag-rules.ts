/**
 * The rules for Resource Directory tags (docs/decisions.md, "Tags on members and folders"): at
 * most 20 tags per resource and per request; a key has 1 to 128 characters and does not start with
 * `aliyun` or `acs:` (any case); a value has at most 128 characters and does not start with `acs:`;
 * neither contains `http://`, `https://` or a control or format character. Lengths count characters
 * (code points). Filters (the `Tag` of the list operations) only obey the lengths and characters.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { TagFilter } from '../../store/tag-ports.js';

export const MAX_TAGS_PER_RESOURCE = 20;
export const MAX_TAG_LENGTH = 128;

/** A tag as the wire carries it (Tag.N.Key / Tag.N.Value). */
export interface WireTag {
  Key?: string;
  Value?: string;
}

const FORBIDDEN_CHARS = /[\p{Cc}\p{Cf}]/u;
const URL_PART = /https?:\/\//i;
const length = (s: string): number => [...s].length;

function badText(s: string): boolean {
  return length(s) > MAX_TAG_LENGTH || FORBIDDEN_CHARS.test(s) || URL_PART.test(s);
}

const badKey = (what: string): ApiFailure =>
  failure('InvalidParameter.TagKey', `The tag key ${JSON.stringify(what.slice(0, 40))} is not valid.`);
const badValue = (what: string): ApiFailure =>
  failure('InvalidParameter.TagValue', `The tag value ${JSON.stringify(what.slice(0, 40))} is not valid.`);

/** Tags to set: each key valid and given once. Failures: InvalidParameter.TagKey / .TagValue / .Tag (400). */
export function tagsToSet(tags: readonly WireTag[]): Result<Array<{ key: string; value: string }>, ApiFailure> {
  if (tags.length > MAX_TAGS_PER_RESOURCE) {
    return err(failure('InvalidParameter.Tag', `At most ${MAX_TAGS_PER_RESOURCE} tags can be given at once.`));
  }
  const out: Array<{ key: string; value: string }> = [];
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (key === '' || badText(key) || /^(aliyun|acs:)/i.test(key)) return err(badKey(key));
    if (badText(value) || /^acs:/i.test(value)) return err(badValue(value));
    if (seen.has(key)) {
      return err(failure('InvalidParameter.Tag', `The tag key ${JSON.stringify(key)} is given more than once.`));
    }
    seen.add(key);
    out.push({ key, value });
  }
  return ok(out);
}

/** Tag keys to remove (UntagResources' TagKey.N). Failure: InvalidParameter.TagKey (400). */
export function keysToRemove(keys: readonly string[]): Result<string[], ApiFailure> {
  for (const k of keys) if (badText(k)) return err(badKey(k));
  return ok([...new Set(keys)]);
}

/**
 * A Tag filter: each entry a key (required) and, optionally, the value it must have. An entry
 * without Tag.N.Value matches any value of the key. Failures: InvalidParameter.TagKey / .TagValue.
 */
export function tagFilter(tags: readonly WireTag[] | undefined): Result<TagFilter[] | undefined, ApiFailure> {
  if (tags === undefined) return ok(undefined);
  const out: TagFilter[] = [];
  for (const t of tags) {
    const key = t.Key ?? '';
    if (key === '' || badText(key)) return err(badKey(key));
    if (t.Value !== undefined && badText(t.Value)) return err(badValue(t.Value));
    out.push(t.Value === undefined ? { key } : { key, value: t.Value });
  }
  return ok(out);
}
