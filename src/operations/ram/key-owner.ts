import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Principal } from '../../auth/principal.js';

/**
 * Whose AccessKeys a key operation acts on: the named user, else the caller itself (a RAM user's
 * own keys, or the root identity's keys for the root caller). An assumed role has no keys of its
 * own and must name a user (MissingParameter).
 */
export function keyOwner(p: Principal, userName: string | undefined): Result<string | null, ApiFailure> {
  if (userName !== undefined) return ok(userName);
  if (p.kind === 'root') return ok(null);
  if (p.kind === 'user') return ok(p.name);
  return err(
    failure(
      'MissingParameter',
      'The input parameter "UserName" that is mandatory for processing this request is not supplied.',
    ),
  );
}

/** The ARN a key operation is authorized against. */
export const keyOwnerArn = (p: Principal, userName: string | undefined): string =>
  `acs:ram::${p.accountId}:user/${userName ?? (p.kind === 'user' ? p.name : '*')}`;
