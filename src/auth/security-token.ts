/**
 * The STS rule applied once a request's signature has verified:
 * - a permanent key must come without a token       → InvalidSecurityToken.MismatchWithAccessKey
 * - an STS key must come with its token              → MissingSecurityToken
 * - the token must be the one issued with that key   → InvalidSecurityToken.MismatchWithAccessKey
 * - and must not have expired (now ≥ expiresAt)      → InvalidSecurityToken.Expired
 * Tokens are compared by their sha256, in constant time; resdir never stores a token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { failure, type ApiFailure } from '../errors/catalog.js';

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A fresh opaque SecurityToken (Alibaba's start with "CAIS"). */
export const newSecurityToken = (): string => `CAIS${randomBytes(96).toString('base64url')}`;

export function checkSecurityToken(
  sts: { tokenHash: string; expiresAt: number } | undefined,
  token: string | undefined,
  now: number,
): ApiFailure | undefined {
  if (!sts) {
    if (token === undefined) return undefined;
    return failure(
      'InvalidSecurityToken.MismatchWithAccessKey',
      'Specified SecurityToken mismatch with the AccessKey: the AccessKey is a permanent key and takes no security ' +
        'token.',
    );
  }
  if (token === undefined || token === '') return failure('MissingSecurityToken');
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(sts.tokenHash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) return failure('InvalidSecurityToken.MismatchWithAccessKey');
  if (now >= sts.expiresAt)
    return failure(
      'InvalidSecurityToken.Expired',
      `Specified SecurityToken is expired: it expired at ${new Date(sts.expiresAt).toISOString()}.`,
    );
  return undefined;
}
