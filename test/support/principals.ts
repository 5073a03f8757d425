/**
 * Extra identities and directories for the e2e tests, written straight into the harness's store
 * (the demo world of CONTRACT.md §4 is only one management account with one member).
 *
 * Rows look exactly like the ones src/bootstrap.ts createDemoWorld writes; only public store
 * repository methods are used.
 */
import type { Harness } from './harness.js';
import type { Creds } from './clients.js';
import {
  newAccessKeyId,
  newAccessKeySecret,
  newAccountId,
  newDirectoryId,
  newRamUserId,
  newRootFolderId,
} from '../../src/lib/ids.js';

export interface KeyPair extends Creds {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface RamUserKey extends KeyPair {
  userName: string;
  accountId: string;
  /** acs:ram::<uid>:user/<name> */
  arn: string;
}

export interface OtherDirectory {
  managementAccountId: string;
  resourceDirectoryId: string;
  rootFolderId: string;
  /** The management account's root identity key. */
  root: KeyPair & { arn: string };
  /** RAM user `rd-admin` of the management account with AliyunResourceDirectoryFullAccess. */
  admin: RamUserKey;
  /** A ResourceAccount member of this directory (no secure phone). */
  memberAccountId: string;
}

export interface StandaloneAccount {
  accountId: string;
  /** RAM user with AliyunResourceDirectoryFullAccess of an account that is in no directory. */
  admin: RamUserKey;
  root: KeyPair & { arn: string };
}

const now = (h: Harness): number => h.app.clock.now();

/** Creates an account row; retries with a fresh ID in the (unlikely) case of a collision. */
async function createAccountRow(
  h: Harness,
  make: (id: string) => { account_name: string; display_name: string },
): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const id = newAccountId();
    const { account_name, display_name } = make(id);
    if (
      await h.app.store.directory.createAccount({
        id,
        account_name,
        display_name,
        secure_mobile_phone: null,
        secure_mobile_bound_at: null,
        created_at: now(h),
      })
    ) {
      return id;
    }
  }
  throw new Error('could not create an account row');
}

/** A new AccessKey for a RAM user (userName) or the account's root identity (userName null). */
export async function addAccessKey(
  h: Harness,
  accountId: string,
  userName: string | null,
  status: 'Active' | 'Inactive' = 'Active',
): Promise<KeyPair> {
  const key = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
  await h.app.store.identity.createAccessKey({
    id: key.accessKeyId,
    account_id: accountId,
    user_name: userName,
    secret_enc: h.app.keyring.accessKeySecrets.seal(key.accessKeySecret),
    status,
    created_at: now(h),
  });
  return key;
}

/**
 * A RAM user of `accountId` (default: the demo management account) with the given system policies and one active key.
 */
export async function addRamUser(
  h: Harness,
  opts: { accountId?: string; name?: string; policies?: string[] } = {},
): Promise<RamUserKey> {
  const accountId = opts.accountId ?? h.boot.managementAccountId;
  const name = opts.name ?? `user-${newRamUserId().slice(-8)}`;
  await h.app.store.identity.createUser({
    id: newRamUserId(),
    account_id: accountId,
    name,
    display_name: name,
    created_at: now(h),
  });
  for (const policyName of opts.policies ?? []) {
    await h.app.store.ram.attach({
      account_id: accountId,
      principal_type: 'User',
      principal_name: name,
      policy_type: 'System',
      policy_name: policyName,
      attached_at: now(h),
    });
  }
  const key = await addAccessKey(h, accountId, name);
  return { ...key, userName: name, accountId, arn: `acs:ram::${accountId}:user/${name}` };
}

/** A second AccessKey of an existing identity whose status is Inactive (the store has no status update). */
export async function addInactiveKey(h: Harness, accountId: string, userName: string | null): Promise<KeyPair> {
  return addAccessKey(h, accountId, userName, 'Inactive');
}

/** A ResourceAccount member of a directory (default: the demo directory), created directly in the store. */
export async function addResourceAccountMember(
  h: Harness,
  dir: { resourceDirectoryId: string; rootFolderId: string } = h.boot,
  displayName?: string,
): Promise<string> {
  const t = now(h);
  const accountId = await createAccountRow(h, (id) => ({
    account_name: `member-${id.slice(-8)}@${dir.resourceDirectoryId}.aliyunid.com`,
    display_name: displayName ?? `member-${id.slice(-8)}`,
  }));
  const added = await h.app.store.directory.addMember({
    account_id: accountId,
    directory_id: dir.resourceDirectoryId,
    folder_id: dir.rootFolderId,
    type: 'ResourceAccount',
    join_method: 'created',
    status: 'CreateSuccess',
    display_name: displayName ?? `member-${accountId.slice(-8)}`,
    join_time: t,
    modify_time: t,
  });
  if (!added) throw new Error(`could not add member ${accountId}`);
  return accountId;
}

/** A CloudAccount (invited) member of the demo directory. */
export async function addCloudAccountMember(h: Harness): Promise<string> {
  const t = now(h);
  const accountId = await createAccountRow(h, (id) => ({
    account_name: `cloud-${id.slice(-8)}@example.com`,
    display_name: `cloud-${id.slice(-8)}`,
  }));
  const added = await h.app.store.directory.addMember({
    account_id: accountId,
    directory_id: h.boot.resourceDirectoryId,
    folder_id: h.boot.rootFolderId,
    type: 'CloudAccount',
    join_method: 'invited',
    status: 'CreateSuccess',
    display_name: `cloud-${accountId.slice(-8)}`,
    join_time: t,
    modify_time: t,
  });
  if (!added) throw new Error(`could not add cloud member ${accountId}`);
  return accountId;
}

/**
 * A second management account with its own resource directory, root folder, one ResourceAccount
 * member, a root key and a RAM admin with AliyunResourceDirectoryFullAccess.
 */
export async function addAccountWithDirectory(h: Harness): Promise<OtherDirectory> {
  const t = now(h);
  const resourceDirectoryId = newDirectoryId();
  const rootFolderId = newRootFolderId();
  const managementAccountId = await createAccountRow(h, (id) => ({
    account_name: `management-${id.slice(-8)}@example.com`,
    display_name: 'other management',
  }));
  await h.app.store.directory.createDirectory({
    id: resourceDirectoryId,
    management_account_id: managementAccountId,
    root_folder_id: rootFolderId,
    created_at: t,
  });
  await h.app.store.directory.createFolder({
    id: rootFolderId,
    directory_id: resourceDirectoryId,
    parent_id: null,
    name: 'root',
    created_at: t,
  });
  await h.app.store.directory.addMember({
    account_id: managementAccountId,
    directory_id: resourceDirectoryId,
    folder_id: rootFolderId,
    type: 'CloudAccount',
    join_method: 'created',
    status: 'CreateSuccess',
    display_name: 'other management',
    join_time: t,
    modify_time: t,
  });
  const dir = { resourceDirectoryId, rootFolderId };
  const memberAccountId = await addResourceAccountMember(h, dir, 'other-member');
  const root = await addAccessKey(h, managementAccountId, null);
  const admin = await addRamUser(h, {
    accountId: managementAccountId,
    name: 'rd-admin',
    policies: ['AliyunResourceDirectoryFullAccess'],
  });
  return {
    managementAccountId,
    resourceDirectoryId,
    rootFolderId,
    root: { ...root, arn: `acs:ram::${managementAccountId}:root` },
    admin,
    memberAccountId,
  };
}

/**
 * An account that is in no resource directory, with a root key and a RAM user holding
 * AliyunResourceDirectoryFullAccess.
 */
export async function addStandaloneAccount(h: Harness): Promise<StandaloneAccount> {
  const accountId = await createAccountRow(h, (id) => ({
    account_name: `standalone-${id.slice(-8)}@example.com`,
    display_name: 'standalone',
  }));
  const root = await addAccessKey(h, accountId, null);
  const admin = await addRamUser(h, { accountId, name: 'admin', policies: ['AliyunResourceDirectoryFullAccess'] });
  return { accountId, admin, root: { ...root, arn: `acs:ram::${accountId}:root` } };
}
