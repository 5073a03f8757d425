/**
 * Text hygiene of a parsed request, checked before anything is looked up (key, nonce, member):
 *
 * - No parameter value or name, operation parameter or protocol one (AccessKeyId, SignatureNonce,
 *   SecurityToken, Timestamp), may hold a NUL character or an unpaired UTF-16 surrogate. Such
 *   text cannot be stored (PostgreSQL refuses NUL in text) nor echoed faithfully, so it is refused
 *   with the parameter's own invalid-value code (the operation's `paramErrors`, for a list entry
 *   such as Tag.1.Key its list's, else InvalidParameter), naming the parameter.
 * - An AccessKeyId that cannot name any key (not 1-128 letters, digits, `.`, `-` or `_`) is
 *   answered InvalidAccessKeyId.NotFound without a lookup, as an unknown key is.
 *
 * Contract: total and pure; undefined means the request may proceed.
 */
import { failure, type ApiFailure, type ErrorCode } from '../errors/catalog.js';
import type { RpcRequest } from './request.js';

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** What any AccessKeyId resdir issues looks like (LTAI… keys, STS.… session keys), with room to spare. */
const ACCESS_KEY_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** True when the text holds a NUL or an unpaired surrogate. */
export function hasUnsafeText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

const show = (s: string): string => {
  const printable = s.replaceAll('\u0000', '?').replace(LONE_SURROGATES, '?');
  return printable.length > 64 ? `${printable.slice(0, 64)}…` : printable;
};

const refuse = (code: ErrorCode, name: string): ApiFailure =>
  failure(
    code,
    `The specified parameter "${show(name)}" is not valid: it contains a NUL character or an unpaired surrogate.`,
  );

/** Invalid-value codes of the operation's parameters, by wire name. */
export type ParamCodes = Readonly<Partial<Record<string, { invalid: ErrorCode }>>>;

export function checkParamHygiene(rpc: RpcRequest, paramCodes: ParamCodes | undefined): ApiFailure | undefined {
  const c = rpc.credentials;
  const protocol: Array<[string, string | undefined]> = [
    ['AccessKeyId', c.accessKeyId],
    ['SignatureNonce', c.nonce],
    ['SecurityToken', c.securityToken],
    ['Timestamp', c.timestamp],
  ];
  for (const [name, value] of protocol)
    if (value !== undefined && hasUnsafeText(value)) return refuse('InvalidParameter', name);
  for (const [name, value] of Object.entries(rpc.params)) {
    if (hasUnsafeText(name)) return refuse('InvalidParameter', name);
    // A list entry (Tag.1.Key, ResourceId.2) takes its list's code.
    const code = paramCodes?.[name]?.invalid ?? paramCodes?.[name.split('.')[0] ?? '']?.invalid;
    if (hasUnsafeText(value)) return refuse(code ?? 'InvalidParameter', name);
  }
  if (!ACCESS_KEY_ID.test(c.accessKeyId)) return failure('InvalidAccessKeyId.NotFound');
  return undefined;
}
