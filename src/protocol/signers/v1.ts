/**
 * V1 HMAC-SHA1 signature verification (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`),
 * exactly as wire-protocol.md §4.2 / Appendix A describe it.
 *
 * Contract: pure and total; never throws. Every parameter sent (query, plus the form body when the
 * content-type is x-www-form-urlencoded), duplicates included, is signed except `Signature`.
 */
import { createHmac } from 'node:crypto';
import type { WireRequest } from '../request.js';
import { canonicalParams, pct, type ParamPair } from '../canonical.js';
import { wireParams } from '../wire-params.js';
import { timingSafeStringEqual } from './compare.js';

/** All decoded parameter pairs of the request in wire order, or undefined if any is undecodable. */
export function v1Params(req: WireRequest): ParamPair[] | undefined {
  const { query, form } = wireParams(req);
  if (!query.ok) return undefined;
  if (!form) return query.value;
  return form.ok ? [...query.value, ...form.value] : undefined;
}

/** The canonicalized query string: every parameter except `Signature`, pct-encoded and sorted. */
export function v1CanonicalizedQuery(req: WireRequest): string | undefined {
  const params = v1Params(req);
  return params && canonicalParams(params.filter(([name]) => name !== 'Signature'));
}

/** `<actual method>&%2F&pct(canonicalized query)`. */
export function v1StringToSign(req: WireRequest): string | undefined {
  const canonical = v1CanonicalizedQuery(req);
  return canonical === undefined ? undefined : `${req.method}&${pct('/')}&${pct(canonical)}`;
}

/** True only when base64 HMAC-SHA1(secret + '&', StringToSign) equals the (decoded) Signature. */
export function verifyV1(req: WireRequest, secret: string): boolean {
  const params = v1Params(req);
  const sent = params?.find(([name]) => name === 'Signature')?.[1];
  const stringToSign = v1StringToSign(req);
  if (sent === undefined || stringToSign === undefined) return false;
  const expected = createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
  return timingSafeStringEqual(expected, sent);
}
