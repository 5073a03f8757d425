/**
 * Canonicalization building blocks shared by the request parser and both signature verifiers
 * (wire-protocol.md §4 and Appendix A).
 *
 * Contract: every function here is total. Malformed input (bad percent-escapes, invalid UTF-8,
 * lone surrogates) yields an `undefined` / failed Result, never an exception.
 */
import { err, ok, type Result } from '../lib/result.js';

export type HeaderPairs = ReadonlyArray<readonly [string, string]>;
export type ParamPair = readonly [name: string, value: string];

const HEX = '0123456789ABCDEF';
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
/** Characters encodeURIComponent leaves literal that RFC 3986 encoding must escape. */
const SUB_DELIMS = /[!'()*]/g;
const escapeSubDelim = (c: string): string => `%${HEX[c.charCodeAt(0) >> 4]}${HEX[c.charCodeAt(0) & 15]}`;

/** Whether the UTF-16 code unit is RFC 3986 unreserved: `A-Z a-z 0-9 - _ . ~`. */
function unreserved(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 45 ||
    c === 95 ||
    c === 46 ||
    c === 126
  );
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `s`: only `A-Z a-z 0-9 - _ . ~` stay literal,
 * everything else becomes `%XX` with upper-case hex. A lone surrogate encodes as U+FFFD.
 * Fast path: text that is all unreserved is returned as is.
 */
export function pct(s: string): string {
  let i = 0;
  while (i < s.length && unreserved(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  const text = LONE_SURROGATE.test(s) ? Buffer.from(s, 'utf8').toString('utf8') : s;
  return encodeURIComponent(text).replace(SUB_DELIMS, escapeSubDelim);
}

/**
 * Strict percent-decoding: every `%` must start a `%XX` escape (either hex case) and the decoded
 * bytes must be valid UTF-8 (no surrogates, no overlong forms). Literal characters are taken as
 * their UTF-8 bytes; a literal lone surrogate is refused. `plusIsSpace` selects form semantics
 * (`+` → space). Returns undefined on any malformation.
 */
export function percentDecode(s: string, plusIsSpace: boolean): string | undefined {
  if (LONE_SURROGATE.test(s)) return undefined;
  const hasPlus = plusIsSpace && s.includes('+');
  if (!hasPlus && !s.includes('%')) return s;
  const spaced = hasPlus ? s.replaceAll('+', ' ') : s;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined; // a bad escape or bytes that are not UTF-8
  }
}

/** Appendix A `dec()`: `+` is a space, then percent-decode. We apply it to query and form alike. */
export const dec = (s: string): string | undefined => percentDecode(s, true);

/**
 * Appendix A `pairs()`: split on `&`, drop empty pieces, split each piece at its first `=`
 * (no `=` → empty value) and decode both halves. Order and duplicates are preserved.
 * Fails with the offending raw piece when it is not decodable.
 */
export function pairs(text: string): Result<ParamPair[], string> {
  const out: ParamPair[] = [];
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = dec(eq < 0 ? piece : piece.slice(0, eq));
    const value = eq < 0 ? '' : dec(piece.slice(eq + 1));
    if (name === undefined || value === undefined) return err(piece);
    out.push([name, value]);
  }
  return ok(out);
}

/** Split a raw request target at its first `?`. The query part may be empty. */
export function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}

/** Appendix A step 4: decode each `/` segment (no `+` rule in paths), re-encode with pct(). */
export function canonicalUri(path: string): string | undefined {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    const decoded = percentDecode(segment, false);
    if (decoded === undefined) return undefined;
    segments.push(pct(decoded));
  }
  const joined = segments.join('/');
  return joined === '' ? '/' : joined;
}

/** Order by character code (not locale), as every canonical sort in the protocol requires. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `pct(name)=pct(value)` pairs sorted by encoded name, then encoded value, joined with `&`. */
export function canonicalParams(params: readonly ParamPair[]): string {
  return params
    .map(([n, v]) => [pct(n), pct(v)] as const)
    .sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[1], b[1]))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

/** Appendix A `values()`: every value of the headers named `name` (case-insensitive), wire order. */
export function headerValues(headers: HeaderPairs, name: string): string[] {
  const wanted = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) out.push(v);
  return out;
}

/**
 * Canonical header block: for each signed name, in the given order, `name:` + its values (trimmed,
 * sorted, joined with `,`) + `\n`. An absent header contributes `name:\n`. Host is used exactly as
 * sent, port included.
 */
export function canonicalHeaders(headers: HeaderPairs, signedNames: readonly string[]): string {
  let out = '';
  for (const name of signedNames) {
    const values = headerValues(headers, name)
      .map((v) => v.trim())
      .sort(byCodeUnit);
    out += `${name}:${values.join(',')}\n`;
  }
  return out;
}

/** Whether the body is an `application/x-www-form-urlencoded` form (first content-type, any case). */
export function isFormBody(headers: HeaderPairs): boolean {
  const ct = headerValues(headers, 'content-type')[0];
  return ct?.trim().toLowerCase().startsWith('application/x-www-form-urlencoded') ?? false;
}

/** The body as strict UTF-8 text, or undefined when it is not valid UTF-8. */
export function bodyText(body: Buffer): string | undefined {
  try {
    return utf8Strict.decode(body);
  } catch {
    return undefined;
  }
}
