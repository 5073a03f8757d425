/**
 * Authenticating a parsed RPC request (wire-protocol.md §5, §7.4).
 *
 * Order, first failure wins:
 *   1. timestamp format            → InvalidTimeStamp.Format
 *   2. |now − timestamp| > window   → InvalidTimeStamp.Expired (symmetric)
 *   3. key lookup                  → InvalidAccessKeyId.NotFound / InvalidAccessKeyId.Inactive
 *   4. signature                   → SignatureDoesNotMatch
 *   5. nonce claim (only once the signature verified, so forgeries cannot burn nonces)
 *                                  → SignatureNonceUsed
 * lookupKey / claimNonce errors (store down) propagate as rejections; the caller maps them.
 * STS tokens are carried in the credentials but not validated here.
 */
import { failure, type ApiFailure } from '../errors/catalog.js';
import type { Clock } from '../lib/clock.js';
import { err, ok, type Result } from '../lib/result.js';
import type { RpcCredentials, RpcRequest, WireRequest } from './request.js';
import { acs3PayloadMatches, acs3StringToSign, verifyAcs3 } from './signers/acs3.js';
import { v1StringToSign, verifyV1 } from './signers/v1.js';

export interface StoredKey {
  secret: string;
  active: boolean;
}

export interface AuthDeps {
  clock: Clock;
  windowMs: number; // 15 min default, caller passes it
  lookupKey(accessKeyId: string): Promise<StoredKey | undefined>;
  /** Atomically record the nonce until expiresAt (epoch ms); false = already used. */
  claimNonce(accessKeyId: string, nonce: string, expiresAt: number): Promise<boolean>;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Epoch ms of an ISO-8601 UTC `YYYY-MM-DDThh:mm:ssZ` (optional fractional seconds), or undefined
 * when the text does not match or names an impossible date/time (Feb 30, 24:00, second 60).
 */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // unlike Date.UTC, does not map years 0-99 to 19xx
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, mi, s, 0);
  return date.getTime() + Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
}

export async function authenticate(
  wire: WireRequest,
  rpc: RpcRequest,
  deps: AuthDeps,
): Promise<Result<RpcCredentials, ApiFailure>> {
  const creds = rpc.credentials;
  const ts = parseTimestamp(creds.timestamp);
  if (ts === undefined) {
    return err(
      failure(
        'InvalidTimeStamp.Format',
        'Specified time stamp or date value is not well formatted; use YYYY-MM-DDThh:mm:ssZ in UTC.',
      ),
    );
  }
  const now = deps.clock.now();
  if (Math.abs(now - ts) > deps.windowMs) return err(failure('InvalidTimeStamp.Expired'));

  const key = await deps.lookupKey(creds.accessKeyId);
  if (!key) return err(failure('InvalidAccessKeyId.NotFound'));
  if (!key.active) return err(failure('InvalidAccessKeyId.Inactive'));

  const mismatch = signatureMismatch(wire, creds, key.secret);
  if (mismatch) return err(mismatch);

  const claimed = await deps.claimNonce(creds.accessKeyId, creds.nonce, Math.max(ts, now) + deps.windowMs);
  if (!claimed) return err(failure('SignatureNonceUsed'));
  return ok(creds);
}

/**
 * undefined when the signature verifies; otherwise a SignatureDoesNotMatch whose message, like
 * Alibaba's, carries the server's string to sign (public data, never the secret).
 */
function signatureMismatch(wire: WireRequest, creds: RpcCredentials, secret: string): ApiFailure | undefined {
  if (creds.scheme === 'V1-HMAC-SHA1') {
    if (verifyV1(wire, secret)) return undefined;
    return failure(
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${v1StringToSign(wire) ?? ''}`,
    );
  }
  if (!acs3PayloadMatches(wire, creds.scheme)) {
    return failure(
      'SignatureDoesNotMatch',
      'The x-acs-content-sha256 header does not match the hash of the request body.',
    );
  }
  if (verifyAcs3(wire, secret)) return undefined;
  return failure(
    'SignatureDoesNotMatch',
    `Specified signature does not match our calculation. server StringToSign is [${acs3StringToSign(wire) ?? ''}]`,
  );
}
