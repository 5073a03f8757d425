/**
 * ACS3 ("V3") signature verification, exactly as wire-protocol.md §4.1 / Appendix A describe it.
 *
 * Contract: pure and total. Every function takes the raw wire request and never throws; a request
 * that cannot be canonicalized simply does not verify. Time window, nonce and key status are
 * checked elsewhere (authenticate.ts).
 */
import { createHash, createHmac } from 'node:crypto';
import type { WireRequest } from '../request.js';
import { canonicalHeaders, canonicalParams, canonicalUri, headerValues, splitUrl } from '../canonical.js';
import { wireParams } from '../wire-params.js';
import { timingSafeStringEqual } from './compare.js';

export type Acs3Algorithm = 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3';
export const ACS3_ALGORITHMS: readonly Acs3Algorithm[] = ['ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3'];

/** The parts of an `Authorization: <alg> Credential=…,SignedHeaders=…,Signature=…` value. */
export interface Acs3Authorization {
  algorithm: string; // matches ACS3-[A-Z0-9-]+, not necessarily one we support
  credential: string;
  signedHeaders: string[]; // as listed, split on ';'
  signedHeadersRaw: string;
  signature: string;
}

export type AuthorizationParse =
  | { ok: true; value: Acs3Authorization }
  | { ok: false; reason: 'not-acs3' | 'malformed'; algorithm?: string };

const ALG = /^ACS3-[A-Z0-9-]+$/;

/**
 * Parse an ACS3 Authorization value (surrounding whitespace ignored). `not-acs3` when the scheme
 * token is not `ACS3-…`; `malformed` when Credential, SignedHeaders or Signature is missing/empty.
 */
export function parseAcs3Authorization(raw: string): AuthorizationParse {
  const value = raw.trim();
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (!ALG.test(algorithm)) return { ok: false, reason: 'not-acs3' };
  const fields = new Map<string, string>();
  for (const part of (space < 0 ? '' : value.slice(space + 1)).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    if (!fields.has(key)) fields.set(key, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeadersRaw = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeadersRaw || !signature) return { ok: false, reason: 'malformed', algorithm };
  return {
    ok: true,
    value: { algorithm, credential, signedHeadersRaw, signedHeaders: signedHeadersRaw.split(';'), signature },
  };
}

/** Hash name for node:crypto: SM3 for ACS3-HMAC-SM3, SHA-256 for everything else (Appendix A step 2). */
export function acs3HashName(algorithm: string): 'sm3' | 'sha256' {
  return algorithm === 'ACS3-HMAC-SM3' ? 'sm3' : 'sha256';
}

/** Lower-case hex H(data) for the algorithm. */
export function acs3Hash(algorithm: string, data: Buffer | string): string {
  return createHash(acs3HashName(algorithm)).update(data).digest('hex');
}

function firstAuthorization(req: WireRequest): Acs3Authorization | undefined {
  const raw = headerValues(req.headers, 'authorization')[0];
  if (raw === undefined) return undefined;
  const parsed = parseAcs3Authorization(raw);
  return parsed.ok ? parsed.value : undefined;
}

/** Whether `x-acs-content-sha256` (exactly one, trimmed) equals hex H(body). */
export function acs3PayloadMatches(req: WireRequest, algorithm: string): boolean {
  const sent = headerValues(req.headers, 'x-acs-content-sha256');
  return sent.length === 1 && sent[0]?.trim() === acs3Hash(algorithm, req.body);
}

/**
 * Appendix A step 8: method, CanonicalURI, CanonicalQueryString, CanonicalHeaders, SignedHeaders,
 * payload hash (recomputed from the body), joined with `\n`. Undefined when the request has no
 * parsable ACS3 Authorization or its URL cannot be decoded.
 */
export function acs3CanonicalRequest(req: WireRequest): string | undefined {
  const auth = firstAuthorization(req);
  if (!auth) return undefined;
  const uri = canonicalUri(splitUrl(req.url).path);
  const params = wireParams(req).query;
  if (uri === undefined || !params.ok) return undefined;
  return [
    req.method,
    uri,
    canonicalParams(params.value),
    canonicalHeaders(req.headers, auth.signedHeaders),
    auth.signedHeadersRaw,
    acs3Hash(auth.algorithm, req.body),
  ].join('\n');
}

/** Appendix A step 9: `<alg>\n<hex H(CanonicalRequest)>`. */
export function acs3StringToSign(req: WireRequest): string | undefined {
  const auth = firstAuthorization(req);
  const canonical = acs3CanonicalRequest(req);
  if (!auth || canonical === undefined) return undefined;
  return `${auth.algorithm}\n${acs3Hash(auth.algorithm, Buffer.from(canonical, 'utf8'))}`;
}

/**
 * True only when the request carries a supported ACS3 Authorization, its payload hash header
 * matches the body, and hex HMAC-H(secret, StringToSign) equals the sent Signature.
 */
export function verifyAcs3(req: WireRequest, secret: string): boolean {
  const auth = firstAuthorization(req);
  if (!auth || !(ACS3_ALGORITHMS as readonly string[]).includes(auth.algorithm)) return false;
  if (!acs3PayloadMatches(req, auth.algorithm)) return false;
  const stringToSign = acs3StringToSign(req);
  if (stringToSign === undefined) return false;
  const expected = createHmac(acs3HashName(auth.algorithm), secret).update(stringToSign, 'utf8').digest('hex');
  return timingSafeStringEqual(expected, auth.signature);
}
