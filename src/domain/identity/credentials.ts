import type { Keyring } from '../../lib/keyring.js';
import type { Store } from '../../store/ports.js';
import { assumedRoleArn, principalArn, type Principal } from '../../auth/principal.js';

export interface ResolvedCredential {
  secret: string;
  active: boolean;
  principal: Principal;
  /** Present for STS credentials: what the request's SecurityToken must match, and until when. */
  sts?: { tokenHash: string; expiresAt: number };
}

export const STS_KEY_PREFIX = 'STS.';

/**
 * Looks an AccessKey up and opens its secret; undefined for an unknown key, a vanished owner (user
 * deleted) or an STS key whose role was deleted or re-created. Reads the store on every call — no
 * cache — so disabling or deleting a key takes effect on the next request on every replica.
 */
export async function resolveCredential(
  store: Pick<Store, 'identity' | 'ram'>,
  keyring: Keyring,
  accessKeyId: string,
): Promise<ResolvedCredential | undefined> {
  if (accessKeyId.startsWith(STS_KEY_PREFIX)) return resolveSts(store, keyring, accessKeyId);
  const key = await store.identity.getAccessKey(accessKeyId);
  if (!key) return undefined;
  const user = key.user_name !== null ? await store.identity.getUser(key.account_id, key.user_name) : undefined;
  if (key.user_name !== null && !user) return undefined;
  const kind = key.user_name === null ? 'root' : 'user';
  return {
    secret: keyring.accessKeySecrets.open(key.secret_enc),
    active: key.status === 'Active',
    principal: {
      accountId: key.account_id,
      kind,
      name: key.user_name,
      arn: principalArn(key.account_id, kind, key.user_name),
      accessKeyId: key.id,
      stableId: user ? user.id : key.account_id,
      ...(user ? { userId: user.id } : {}),
    },
  };
}

async function resolveSts(
  store: Pick<Store, 'ram'>,
  keyring: Keyring,
  accessKeyId: string,
): Promise<ResolvedCredential | undefined> {
  const s = await store.ram.getSession(accessKeyId);
  if (!s) return undefined;
  const role = await store.ram.getRole(s.account_id, s.role_name);
  if (!role || role.id !== s.role_id) return undefined;
  return {
    secret: keyring.accessKeySecrets.open(s.secret_enc),
    active: true,
    principal: {
      accountId: s.account_id,
      kind: 'assumed-role',
      name: role.name,
      arn: assumedRoleArn(s.account_id, role.name, s.session_name),
      accessKeyId,
      stableId: role.id,
      sessionName: s.session_name,
      roleId: role.id,
      sessionPolicy: s.session_policy,
    },
    sts: { tokenHash: s.token_hash, expiresAt: s.expires_at },
  };
}
