import type { Keyring } from '../lib/keyring.js';
import type { MetaRepo } from '../store/ports.js';

const CHECK_KEY = 'master-key-check';
const PROBE = 'resdir master key check v1';

/**
 * Every process on one database must use the same master key (it seals the AccessKey secrets and
 * outbox payloads stored there). The first start records a value sealed under its key; a later
 * start — another replica, or a restart — whose key cannot open it is refused with one clear line,
 * instead of answering every call with InternalError.
 */
export async function checkMasterKey(meta: MetaRepo, keyring: Keyring): Promise<void> {
  await meta.setIfAbsent(CHECK_KEY, keyring.accessKeySecrets.seal(PROBE));
  const stored = await meta.get(CHECK_KEY);
  try {
    if (stored !== undefined && keyring.accessKeySecrets.open(stored) === PROBE) return;
  } catch {
    // a different key: fall through to the refusal
  }
  throw new Error(
    'the master key (RESDIR_MASTER_KEY or <data-dir>/master.key) is not the one this database was set up with; ' +
      'every replica must use the same key',
  );
}
