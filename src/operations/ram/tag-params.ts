/** Parsing and paging shared by the RAM tag operations. */
import type { AuthzEnv } from '../../auth/authorize.js';
import { ramTagArn, type Tag } from '../../domain/ram/tags.js';
import { type ApiFailure, type ErrorCode, failure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { OpContext, ParamErrors } from '../define.js';

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

/**
 * The ARN the pipeline authorizes: the first resource named (the handler authorizes the others),
 * or every resource of the type when none is named or the list does not parse (then refused).
 */
export function tagArn(uid: string, type: RamTagType, namesJson: string | undefined): string {
  const names = namesJson === undefined ? undefined : parse(namesJson);
  const first = Array.isArray(names) && typeof names[0] === 'string' ? names[0] : '*';
  return ramTagArn(uid, type, first);
}

/** The request's environment for authorizing the further resources of a call. */
export const authzEnv = (ctx: OpContext, now: number): AuthzEnv => ({
  sourceIp: ctx.audit.sourceIp,
  now,
  secureTransport: ctx.secureTransport,
});

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
