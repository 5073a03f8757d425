/**
 * The decoded parameter pairs of a wire request, computed once per request and shared by the
 * request parser and both signature verifiers (which used to re-parse the same text).
 *
 * Contract: total and pure in effect. The result is remembered per request object and reused only
 * while its url, headers and body are the very same values, so a caller that swaps any of them
 * gets a fresh parse.
 */
import type { Result } from '../lib/result.js';
import { bodyText, isFormBody, pairs, splitUrl, type ParamPair } from './canonical.js';
import type { WireRequest } from './request.js';

export interface WireParams {
  /** Query pairs in wire order, or the first raw piece that is not decodable. */
  query: Result<ParamPair[], string>;
  /**
   * Form-body pairs when the body is x-www-form-urlencoded; undefined otherwise. Fails with the
   * first undecodable piece, or with undefined when the body is not UTF-8.
   */
  form?: Result<ParamPair[], string | undefined>;
}

interface Memo {
  url: string;
  headers: WireRequest['headers'];
  body: Buffer;
  value: WireParams;
}

/**
 * The memo rides on the request object under a private symbol, so it lives exactly as long as the
 * request. (A module-level WeakMap did too, in principle, but under load V8 kept its values
 * through young-generation collections and promoted them: ~10 MiB/s into the old generation.)
 */
const MEMO = Symbol('resdir.wireParams');
type Memoized = WireRequest & { [MEMO]?: Memo };

export function wireParams(req: WireRequest): WireParams {
  const hit = (req as Memoized)[MEMO];
  if (hit && hit.url === req.url && hit.headers === req.headers && hit.body === req.body) return hit.value;
  const value: WireParams = { query: pairs(splitUrl(req.url).query) };
  if (isFormBody(req.headers)) {
    const text = bodyText(req.body);
    value.form = text === undefined ? { ok: false, error: undefined } : pairs(text);
  }
  (req as Memoized)[MEMO] = { url: req.url, headers: req.headers, body: req.body, value };
  return value;
}
