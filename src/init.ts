/**
 * `resdir init`: an operator's explicit first run. Creates the first management account, its
 * resource directory (root folder) and a RAM administrator (AdministratorAccess) with one AccessKey,
 * in one transaction guarded by the same store marker as the demo world (so a store gets one or
 * the other, once). The credentials go to a new file of mode 0600, written before the commit and
 * removed if the commit does not happen; the caller prints only IDs.
 */
import fs from 'node:fs';
import { BOOTSTRAP_MARKER } from './bootstrap.js';
import type { Clock } from './lib/clock.js';
import {
  newAccessKeyId,
  newAccessKeySecret,
  newAccountId,
  newDirectoryId,
  newRamUserId,
  newRootFolderId,
} from './lib/ids.js';
import type { Keyring } from './lib/keyring.js';
import type { Store } from './store/ports.js';

export interface InitRequest {
  managementAccountName: string;
  adminUserName: string;
  /** Where the credentials go; must not exist yet. */
  credentialsFile: string;
  endpoint: string;
}

export interface InitResult {
  managementAccountId: string;
  resourceDirectoryId: string;
  rootFolderId: string;
  admin: { userName: string; principal: string; policies: string[]; accessKeyId: string };
  credentialsFile: string;
}

/** Account names: 2-50 letters, digits, `.`, `_`, `-`, `@`; starting and ending with a letter or digit. */
export const ACCOUNT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._@-]{0,48}[A-Za-z0-9])$/;
/** RAM user names, as the RAM API accepts them. */
export const USER_NAME = /^[A-Za-z0-9._-]{1,64}$/;

export class InitError extends Error {}

export async function initManagementAccount(
  store: Store,
  keyring: Keyring,
  clock: Clock,
  req: InitRequest,
): Promise<InitResult> {
  if (!ACCOUNT_NAME.test(req.managementAccountName))
    throw new InitError(
      'invalid --management-account-name: use 2 to 50 letters, digits, . _ - @, starting and ending with a letter ' +
        'or digit',
    );
  if (!USER_NAME.test(req.adminUserName))
    throw new InitError('invalid --admin-user-name: use 1 to 64 letters, digits and . _ -');
  if (await store.meta.get(BOOTSTRAP_MARKER))
    throw new InitError('the store already has a management account; nothing was changed');

  const now = clock.now();
  const accountId = newAccountId();
  const directoryId = newDirectoryId();
  const rootFolderId = newRootFolderId();
  const key = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
  const policies = ['AdministratorAccess'];
  const admin = { userName: req.adminUserName, principal: `acs:ram::${accountId}:user/${req.adminUserName}`, policies };
  const result: InitResult = {
    managementAccountId: accountId,
    resourceDirectoryId: directoryId,
    rootFolderId,
    admin: { ...admin, accessKeyId: key.accessKeyId },
    credentialsFile: req.credentialsFile,
  };
  const credentials = {
    endpoint: req.endpoint,
    managementAccountId: accountId,
    resourceDirectoryId: directoryId,
    rootFolderId,
    admin: { ...admin, ...key },
  };
  try {
    fs.writeFileSync(req.credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it already exists' : String(e);
    throw new InitError(`cannot write the credentials file ${req.credentialsFile}: ${why}; nothing was changed`);
  }
  fs.chmodSync(req.credentialsFile, 0o600);

  let committed = false;
  try {
    const r = await store.atomically(async (tx) => {
      const marker = JSON.stringify({ kind: 'init', managementAccountId: accountId, resourceDirectoryId: directoryId });
      if (!(await tx.meta.setIfAbsent(BOOTSTRAP_MARKER, marker))) return { ok: false as const, error: 'exists' };
      const name = req.managementAccountName;
      await tx.directory.createAccount({
        id: accountId,
        account_name: name,
        display_name: name,
        secure_mobile_phone: null,
        secure_mobile_bound_at: null,
        created_at: now,
      });
      await tx.directory.createDirectory({
        id: directoryId,
        management_account_id: accountId,
        root_folder_id: rootFolderId,
        created_at: now,
      });
      await tx.directory.createFolder({
        id: rootFolderId,
        directory_id: directoryId,
        parent_id: null,
        name: 'root',
        created_at: now,
      });
      await tx.directory.addMember({
        account_id: accountId,
        directory_id: directoryId,
        folder_id: rootFolderId,
        type: 'CloudAccount',
        join_method: 'created',
        status: 'CreateSuccess',
        display_name: name,
        join_time: now,
        modify_time: now,
      });
      await tx.identity.createUser({
        id: newRamUserId(),
        account_id: accountId,
        name: req.adminUserName,
        display_name: 'administrator',
        created_at: now,
      });
      for (const policy of policies)
        await tx.ram.attach({
          account_id: accountId,
          principal_type: 'User',
          principal_name: req.adminUserName,
          policy_type: 'System',
          policy_name: policy,
          attached_at: now,
        });
      await tx.identity.createAccessKey({
        id: key.accessKeyId,
        account_id: accountId,
        user_name: req.adminUserName,
        secret_enc: keyring.accessKeySecrets.seal(key.accessKeySecret),
        status: 'Active',
        created_at: now,
      });
      return { ok: true as const, value: undefined };
    });
    if (!r.ok) throw new InitError('the store already has a management account; nothing was changed');
    committed = true;
  } finally {
    if (!committed) fs.rmSync(req.credentialsFile, { force: true });
  }
  return result;
}
