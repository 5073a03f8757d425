/** Parsing and paging shared by the RAM tag operations. */
import type { Tag } from '../../domain/ram/tags.js';
import { type ApiFailure, type ErrorCode, failure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ParamErrors } from '../define.js';

export type RamTagType = 'role' | 'policy';

const code = (invalid: ParamErrors['invalid']): ParamErrors => ({ missing: 'MissingParameter', invalid });
export const TAG_PARAM_ERRORS = {
  ResourceType: code('InvalidParameter.ResourceType'),
  ResourceNames: code('InvalidParameter.ResourceNames'),
  Tag: code('InvalidParameter.Tag'),
  TagKeys: code('InvalidParameter.TagKeys'),
  All: code('InvalidParameter'),
  NextToken: code('InvalidParameter.NextToken'),
  PageSize: code('InvalidParameter.PageSize'),
} as const;

/** All resources of the type in the account: tag operations are authorized on the type. */
export const tagArn = (uid: string, type: RamTagType): string => `acs:ram::${uid}:${type}/*`;

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** A JSON array of 1 to `max` distinct non-empty strings of at most `maxLen` characters. */
export function jsonList(text: string, max: number, invalid: ErrorCode, maxLen = 128): Result<string[], ApiFailure> {
  const v = parse(text);
  const good =
    Array.isArray(v) &&
    v.length >= 1 &&
    v.length <= max &&
    v.every((s) => typeof s === 'string' && s.length >= 1 && s.length <= maxLen);
  return good ? ok([...new Set(v as string[])]) : err(failure(invalid));
}

const RESERVED = /^(acs:|aliyun)/i;

/** A JSON array of 1 to 20 {Key, Value}; in a filter the Value may be left out (any value). */
export function tagList(text: string, filter = false): Result<Tag[], ApiFailure> {
  const v = parse(text);
  if (!Array.isArray(v) || v.length < 1 || v.length > 20) return err(failure('InvalidParameter.Tag'));
  const out = new Map<string, string>();
  for (const t of v) {
    const key = (t as { Key?: unknown })?.Key;
    const value = (t as { Value?: unknown })?.Value ?? (filter ? '' : undefined);
    if (typeof key !== 'string' || key.length < 1 || key.length > 128 || (!filter && RESERVED.test(key)))
      return err(failure('InvalidParameter.Tag'));
    if (typeof value !== 'string' || value.length > 256) return err(failure('InvalidParameter.Tag'));
    out.set(key, value);
  }
  return ok([...out].map(([key, value]) => ({ key, value })));
}

/** NextToken paging: the token is an opaque offset. Failure: InvalidParameter.NextToken. */
export function listPage<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
): Result<{ items: T[]; next?: string }, ApiFailure> {
  let offset = 0;
  if (token !== undefined) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!/^t:\d{1,9}$/.test(decoded)) return err(failure('InvalidParameter.NextToken'));
    offset = Number(decoded.slice(2));
  }
  const more = offset + size < items.length;
  return ok({
    items: items.slice(offset, offset + size),
    ...(more ? { next: Buffer.from(`t:${offset + size}`).toString('base64url') } : {}),
  });
}
