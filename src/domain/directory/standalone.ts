/**
 * Standalone Alibaba Cloud accounts for development: accounts in no resource directory, with a
 * root AccessKey, so that EnableResourceDirectory and invitations have someone to act for.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newAccessKeyId, newAccessKeySecret, newAccountId } from '../../lib/ids.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';

export interface StandaloneAccount {
  accountId: string;
  displayName: string;
  logonEmail: string;
  accessKeyId: string;
  /** Shown once, to whoever created the account; stored sealed only. */
  accessKeySecret: string;
}

/** The display-name rule of CreateResourceAccount: 2–50 letters, digits, CJK characters, spaces and _ . - */
export const DISPLAY_NAME = /^[A-Za-z0-9_.\- \u3400-\u9fff\uf900-\ufaff]{2,50}$/;

/** The logon e-mail of a standalone account: unique because the account ID is. */
export const standaloneLogonEmail = (accountId: string): string => `account-${accountId}@resdir.local`;

/**
 * Creates an account in no directory, and its root AccessKey, in one transaction.
 * Failure: InvalidParameter (a display name breaking DISPLAY_NAME).
 */
export async function createStandaloneAccount(
  store: Store,
  keyring: Keyring,
  clock: Clock,
  displayName?: string,
): Promise<Result<StandaloneAccount, ApiFailure>> {
  if (displayName !== undefined && !DISPLAY_NAME.test(displayName)) {
    return err(
      failure(
        'InvalidParameter',
        'displayName must have 2 to 50 characters: letters, digits, CJK characters, spaces and _ . -',
      ),
    );
  }
  const now = clock.now();
  for (let tries = 0; tries < 5; tries++) {
    const accountId = newAccountId();
    const account: StandaloneAccount = {
      accountId,
      displayName: displayName ?? `account-${accountId.slice(-6)}`,
      logonEmail: standaloneLogonEmail(accountId),
      accessKeyId: newAccessKeyId(),
      accessKeySecret: newAccessKeySecret(),
    };
    const r = await store.atomically(async (tx) => {
      const created = await tx.directory.createAccount({
        id: accountId,
        account_name: account.logonEmail,
        display_name: account.displayName,
        secure_mobile_phone: null,
        secure_mobile_bound_at: null,
        created_at: now,
      });
      if (!created) return err('taken');
      await tx.identity.createAccessKey({
        id: account.accessKeyId,
        account_id: accountId,
        user_name: null,
        secret_enc: keyring.accessKeySecrets.seal(account.accessKeySecret),
        status: 'Active',
        created_at: now,
      });
      return ok(account);
    });
    if (r.ok) return r;
  }
  throw new Error('no free account ID after 5 tries');
}
