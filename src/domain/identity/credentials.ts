import type { Keyring } from '../../lib/keyring.js';
import type { IdentityRepo } from '../../store/ports.js';
import { principalArn, type Principal } from '../../auth/principal.js';

export interface ResolvedCredential {
  secret: string;
  active: boolean;
  principal: Principal;
}

/** Looks an AccessKey up and opens its secret; undefined for an unknown key or a vanished owner. */
export async function resolveCredential(
  identity: IdentityRepo,
  keyring: Keyring,
  accessKeyId: string,
): Promise<ResolvedCredential | undefined> {
  const key = await identity.getAccessKey(accessKeyId);
  if (!key) return undefined;
  if (key.user_name !== null && !(await identity.getUser(key.account_id, key.user_name))) return undefined;
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
    },
  };
}
