/**
 * A minimal ACS3-HMAC-SHA256 signer for the benchmark, producing requests the way
 * @alicloud/resourcemanager20200331 does (wire-protocol.md §4.1): RPC `POST /?<params>`, empty
 * body, signed headers host, x-acs-action, x-acs-content-sha256, x-acs-credentials-provider,
 * x-acs-date, x-acs-signature-nonce, x-acs-version. Every call gets a fresh nonce and timestamp
 * unless they are given (for the known-answer test).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalParams, pct } from '../protocol/canonical.js';

export interface SignedRequest {
  method: 'POST' | 'GET';
  /** Request target, e.g. `/?AccountId=…&SecureMobilePhone=…` */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SignInput {
  host: string; // 127.0.0.1:port, exactly as sent in Host
  action: string;
  version: string;
  params: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  /** Fixed values for tests; fresh ones otherwise. */
  nonce?: string;
  date?: string;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** `2026-11-29T09:47:50Z`: ISO 8601 without milliseconds, as the SDK sends x-acs-date. */
export function acsDate(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function signAcs3(input: SignInput): SignedRequest {
  const pairs = Object.entries(input.params);
  const query = canonicalParams(pairs);
  const signed: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-content-sha256': EMPTY_SHA256,
    'x-acs-credentials-provider': 'static_ak',
    'x-acs-date': input.date ?? acsDate(),
    'x-acs-signature-nonce': input.nonce ?? randomBytes(32).toString('hex'),
    'x-acs-version': input.version,
  };
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((n) => `${n}:${signed[n]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = ['POST', '/', query, canonicalHeaders, signedHeaders, EMPTY_SHA256].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
  const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  return {
    method: 'POST',
    path: query === '' ? '/' : `/?${pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&')}`,
    headers: {
      ...signed,
      accept: 'application/json',
      authorization:
        `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},` + `Signature=${signature}`,
    },
  };
}

/**
 * A V1 (HMAC-SHA1) request as the classic SDKs send it (wire-protocol.md §4.2): `GET /?<common
 * and operation parameters>&Signature=…`, signed over every parameter.
 */
export function signV1(input: SignInput): SignedRequest {
  const params: Record<string, string> = {
    AccessKeyId: input.accessKeyId,
    Action: input.action,
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: input.nonce ?? randomBytes(16).toString('hex'),
    SignatureVersion: '1.0',
    Timestamp: input.date ?? acsDate(),
    Version: input.version,
    ...input.params,
  };
  const canonical = canonicalParams(Object.entries(params));
  const stringToSign = `GET&${pct('/')}&${pct(canonical)}`;
  const signature = createHmac('sha1', `${input.accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
  return { method: 'GET', path: `/?${canonical}&Signature=${pct(signature)}`, headers: { host: input.host } };
}
