/**
 * Turning a raw HTTP request into an RPC call: which scheme signed it, which operation it names,
 * and its decoded operation parameters (wire-protocol.md §3, §5, §7).
 *
 * Contract: parseRpcRequest is total — any input yields ok or a catalog failure, never an
 * exception. It checks shape only; signatures, time window, key and nonce are authenticate.ts.
 *
 * Decoding: query and form body are both decoded with `+` as a space (form semantics). The query
 * rule is unspecified upstream; no observed client sends a raw `+`, and the signature verifiers
 * use the same rule, so the parsed value is always the signed one.
 */
import { failure, type ApiFailure } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';
import { headerValues, type ParamPair } from './canonical.js';
import { wireParams } from './wire-params.js';
import { ACS3_ALGORITHMS, parseAcs3Authorization } from './signers/acs3.js';

export { readIndexedList } from './indexed-list.js';

export interface WireRequest {
  method: string;
  url: string; // raw path+query as sent
  headers: ReadonlyArray<readonly [string, string]>; // raw pairs, wire order
  body: Buffer; // de-chunked bytes
}

export type SignatureScheme = 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3' | 'V1-HMAC-SHA1';

export interface RpcCredentials {
  scheme: SignatureScheme;
  accessKeyId: string;
  securityToken?: string;
  timestamp: string; // as sent; authenticate() validates the format
  nonce: string;
}

export interface RpcRequest {
  method: 'GET' | 'POST';
  action: string;
  version: string;
  /**
   * Operation parameters: query + x-www-form-urlencoded body, decoded, each name at most once.
   * The V1 common parameters are removed (for both schemes). Null prototype: use `in`/Object.hasOwn.
   */
  params: Record<string, string>;
  credentials: RpcCredentials;
}

/** Names that are protocol plumbing, never operation parameters. */
export const COMMON_PARAMS: ReadonlySet<string> = new Set([
  'AccessKeyId',
  'Action',
  'Version',
  'Format',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Signature',
  'SecurityToken',
]);

const MAX_PARAMS = 1000;
const MAX_NONCE_LENGTH = 256;

/** Quote untrusted text in a message: bounded length. */
const show = (s: string): string => (s.length > 64 ? `${s.slice(0, 64)}…` : s);

const missing = (name: string): ApiFailure =>
  failure(
    'MissingParameter',
    `The input parameter "${show(name)}" that is mandatory for processing this request is not supplied.`,
  );
const invalid = (name: string, why: string): ApiFailure =>
  failure('InvalidParameter', `The specified parameter "${show(name)}" is not valid: ${why}`);

export function parseRpcRequest(req: WireRequest): Result<RpcRequest, ApiFailure> {
  const method = req.method;
  if (method !== 'GET' && method !== 'POST') {
    return err(
      failure('UnsupportedHTTPMethod', `The HTTP method "${show(String(method))}" is not supported; use GET or POST.`),
    );
  }
  const collected = collectParams(req);
  if (!collected.ok) return collected;
  const signed = collected.value;

  const authorizations = headerValues(req.headers, 'authorization').map((v) => v.trim());
  if (authorizations.length > 1)
    return err(failure('IncompleteSignature', 'The request carries more than one Authorization header.'));
  const authorization = authorizations[0];
  let parsed: Result<Omit<RpcRequest, 'method' | 'params'>, ApiFailure>;
  if (authorization?.startsWith('ACS3-')) parsed = parseAcs3(req, authorization);
  else if (signed.has('Signature')) parsed = parseV1(signed);
  else if (authorization) {
    parsed = err(
      failure(
        'InvalidSignatureMethod',
        'The Authorization scheme is not supported; sign with ACS3-HMAC-SHA256, ACS3-HMAC-SM3 or V1 HMAC-SHA1.',
      ),
    );
  } else {
    parsed = err(
      failure(
        'IncompleteSignature',
        'The request is not signed: send an ACS3 Authorization header or a V1 Signature parameter.',
      ),
    );
  }
  if (!parsed.ok) return parsed;

  const format = signed.get('Format');
  if (format !== undefined && format.toLowerCase() !== 'json') {
    return err(
      failure(
        'InvalidParameter.Format',
        `Specified parameter format "${show(format)}" is not valid; only JSON is supported.`,
      ),
    );
  }
  const params = Object.create(null) as Record<string, string>;
  for (const [name, value] of signed) if (!COMMON_PARAMS.has(name)) params[name] = value;
  return ok({ method, ...parsed.value, params });
}

/** Query pairs, then form-body pairs; rejects undecodable text, empty or repeated names. */
function collectParams(req: WireRequest): Result<Map<string, string>, ApiFailure> {
  const all: ParamPair[] = [];
  const { query, form } = wireParams(req);
  if (!query.ok) return err(invalid(query.error, 'it is not correctly percent-encoded UTF-8.'));
  all.push(...query.value);
  if (form) {
    if (!form.ok && form.error === undefined)
      return err(failure('InvalidParameter', 'The form body is not valid UTF-8.'));
    if (!form.ok) return err(invalid(form.error ?? '', 'it is not correctly percent-encoded UTF-8.'));
    all.push(...form.value);
  }
  if (all.length > MAX_PARAMS)
    return err(failure('InvalidParameter', `The request carries more than ${MAX_PARAMS} parameters.`));
  const map = new Map<string, string>();
  for (const [name, value] of all) {
    if (name === '') return err(failure('InvalidParameter', 'A parameter name is empty.'));
    if (map.has(name)) return err(invalid(name, 'it is specified more than once.'));
    map.set(name, value);
  }
  return ok(map);
}

/** One trimmed, non-empty header value; MissingParameter/InvalidParameter otherwise. */
function singleHeader(req: WireRequest, header: string, reportAs: string = header): Result<string, ApiFailure> {
  const values = headerValues(req.headers, header).map((v) => v.trim());
  if (values.length > 1) return err(invalid(header, 'the header is specified more than once.'));
  const value = values[0];
  return value ? ok(value) : err(missing(reportAs));
}

function optionalHeader(req: WireRequest, header: string): Result<string | undefined, ApiFailure> {
  return headerValues(req.headers, header).length === 0 ? ok(undefined) : singleHeader(req, header);
}

/** Headers that must be covered by SignedHeaders: always, or whenever they are present. */
const ALWAYS_SIGNED = ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];
const SIGNED_IF_PRESENT = ['host', 'content-type', 'x-acs-security-token', 'x-acs-accesskey-id'];

function parseAcs3(req: WireRequest, authorization: string): Result<Omit<RpcRequest, 'method' | 'params'>, ApiFailure> {
  const auth = parseAcs3Authorization(authorization);
  const algorithm = auth.ok ? auth.value.algorithm : auth.algorithm;
  if (algorithm === undefined || !(ACS3_ALGORITHMS as readonly string[]).includes(algorithm)) {
    return err(
      failure(
        'InvalidSignatureMethod',
        `The signature algorithm "${show(authorization.split(' ')[0] ?? '')}" is not supported; use ` +
          `ACS3-HMAC-SHA256 or ACS3-HMAC-SM3.`,
      ),
    );
  }
  if (!auth.ok)
    return err(
      failure('IncompleteSignature', 'The Authorization header must carry Credential, SignedHeaders and Signature.'),
    );

  const action = singleHeader(req, 'x-acs-action', 'Action');
  if (!action.ok) return action;
  const version = singleHeader(req, 'x-acs-version', 'Version');
  if (!version.ok) return version;
  const timestamp = singleHeader(req, 'x-acs-date');
  if (!timestamp.ok) return timestamp;
  const nonce = singleHeader(req, 'x-acs-signature-nonce');
  if (!nonce.ok) return nonce;
  if (nonce.value.length > MAX_NONCE_LENGTH) return err(invalid('x-acs-signature-nonce', 'it is too long.'));
  const payload = singleHeader(req, 'x-acs-content-sha256');
  if (!payload.ok) return payload;
  const token = optionalHeader(req, 'x-acs-security-token');
  if (!token.ok) return token;
  const keyHeader = optionalHeader(req, 'x-acs-accesskey-id');
  if (!keyHeader.ok) return keyHeader;
  if (keyHeader.value !== undefined && keyHeader.value !== auth.value.credential) {
    return err(invalid('x-acs-accesskey-id', 'it does not match the Credential in the Authorization header.'));
  }

  const signedNames = new Set(auth.value.signedHeaders.map((n) => n.trim().toLowerCase()));
  for (const name of [...ALWAYS_SIGNED, ...SIGNED_IF_PRESENT.filter((n) => headerValues(req.headers, n).length > 0)]) {
    if (!signedNames.has(name))
      return err(failure('IncompleteSignature', `The header "${name}" must be listed in SignedHeaders.`));
  }
  return ok({
    action: action.value,
    version: version.value,
    credentials: {
      scheme: algorithm as 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3',
      accessKeyId: auth.value.credential,
      ...(token.value !== undefined ? { securityToken: token.value } : {}),
      timestamp: timestamp.value,
      nonce: nonce.value,
    },
  });
}

function parseV1(signed: Map<string, string>): Result<Omit<RpcRequest, 'method' | 'params'>, ApiFailure> {
  if (!signed.get('Signature')) return err(failure('IncompleteSignature', 'The Signature parameter is empty.'));
  const required = [
    'Action',
    'Version',
    'AccessKeyId',
    'SignatureMethod',
    'SignatureVersion',
    'Timestamp',
    'SignatureNonce',
  ] as const;
  const v: Partial<Record<(typeof required)[number], string>> = {};
  for (const name of required) {
    const value = signed.get(name);
    if (!value) return err(missing(name));
    v[name] = value;
  }
  if (v.SignatureMethod !== 'HMAC-SHA1') {
    return err(
      failure(
        'InvalidSignatureMethod',
        `The signature method "${show(v.SignatureMethod ?? '')}" is not supported; use HMAC-SHA1.`,
      ),
    );
  }
  if (v.SignatureVersion !== '1.0') return err(invalid('SignatureVersion', 'only 1.0 is supported.'));
  if ((v.SignatureNonce ?? '').length > MAX_NONCE_LENGTH) return err(invalid('SignatureNonce', 'it is too long.'));
  const token = signed.get('SecurityToken');
  return ok({
    action: v.Action ?? '',
    version: v.Version ?? '',
    credentials: {
      scheme: 'V1-HMAC-SHA1',
      accessKeyId: v.AccessKeyId ?? '',
      ...(token ? { securityToken: token } : {}),
      timestamp: v.Timestamp ?? '',
      nonce: v.SignatureNonce ?? '',
    },
  });
}
