import fs from 'node:fs';
import path from 'node:path';
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
import type { Site } from './config/settings.js';
import { provisionAccessRole } from './domain/directory/access-role.js';

/** The demo world of CONTRACT.md §4, as written to bootstrap.json. */
export interface BootstrapInfo {
  endpoint: string;
  site: Site;
  managementAccountId: string;
  resourceDirectoryId: string;
  rootFolderId: string;
  root: { accessKeyId: string; accessKeySecret: string };
  admin: { userName: string; principal: string; policies: string[]; accessKeyId: string; accessKeySecret: string };
  member: { accountId: string; accountName: string; type: 'ResourceAccount' };
}

export const MANAGEMENT_ACCOUNT_ID = '1000000000000001';
/** Meta key set once per store, by the demo world or by `resdir init`, whichever comes first. */
export const BOOTSTRAP_MARKER = 'bootstrap';
const MARKER = BOOTSTRAP_MARKER;

/** Whether the store already has its first management account (demo world or `resdir init`). */
export async function isBootstrapped(store: Store): Promise<boolean> {
  return (await store.meta.get(MARKER)) !== undefined;
}

/**
 * Creates the demo world when the store has none yet (guarded by a meta marker so that two
 * processes cannot both create it). Returns the world, or undefined when it already existed.
 */
export async function createDemoWorld(
  store: Store,
  keyring: Keyring,
  clock: Clock,
  endpoint: string,
  site: Site,
): Promise<BootstrapInfo | undefined> {
  const now = clock.now();
  const rdId = newDirectoryId();
  const rootFolderId = newRootFolderId();
  const memberId = newAccountId();
  const rootKey = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
  const adminKey = { accessKeyId: newAccessKeyId(), accessKeySecret: newAccessKeySecret() };
  const memberName = `demo-member@${rdId}.aliyunid.com`;
  const info: BootstrapInfo = {
    endpoint,
    site,
    managementAccountId: MANAGEMENT_ACCOUNT_ID,
    resourceDirectoryId: rdId,
    rootFolderId,
    root: rootKey,
    admin: {
      userName: 'rd-admin',
      principal: `acs:ram::${MANAGEMENT_ACCOUNT_ID}:user/rd-admin`,
      policies: ['AliyunResourceDirectoryFullAccess'],
      ...adminKey,
    },
    member: { accountId: memberId, accountName: memberName, type: 'ResourceAccount' },
  };
  const r = await store.atomically(async (tx) => {
    const ids = {
      managementAccountId: MANAGEMENT_ACCOUNT_ID,
      resourceDirectoryId: rdId,
      rootFolderId,
      memberAccountId: memberId,
    };
    if (!(await tx.meta.setIfAbsent(MARKER, JSON.stringify(ids)))) return { ok: false as const, error: 'exists' };
    await tx.directory.createAccount({
      id: MANAGEMENT_ACCOUNT_ID,
      account_name: 'management@rdadmin.aliyunid.com',
      display_name: 'management',
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: now,
    });
    await tx.directory.createDirectory({
      id: rdId,
      management_account_id: MANAGEMENT_ACCOUNT_ID,
      root_folder_id: rootFolderId,
      created_at: now,
    });
    await tx.directory.createFolder({
      id: rootFolderId,
      directory_id: rdId,
      parent_id: null,
      name: 'root',
      created_at: now,
    });
    await tx.directory.addMember({
      account_id: MANAGEMENT_ACCOUNT_ID,
      directory_id: rdId,
      folder_id: rootFolderId,
      type: 'CloudAccount',
      join_method: 'created',
      status: 'CreateSuccess',
      display_name: 'management',
      join_time: now,
      modify_time: now,
    });
    await tx.directory.createAccount({
      id: memberId,
      account_name: memberName,
      display_name: 'demo-member',
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: now,
    });
    await tx.directory.addMember({
      account_id: memberId,
      directory_id: rdId,
      folder_id: rootFolderId,
      type: 'ResourceAccount',
      join_method: 'created',
      status: 'CreateSuccess',
      display_name: 'demo-member',
      join_time: now,
      modify_time: now,
    });
    await provisionAccessRole(tx, memberId, MANAGEMENT_ACCOUNT_ID, now);
    await tx.identity.createAccessKey({
      id: rootKey.accessKeyId,
      account_id: MANAGEMENT_ACCOUNT_ID,
      user_name: null,
      secret_enc: keyring.accessKeySecrets.seal(rootKey.accessKeySecret),
      status: 'Active',
      created_at: now,
    });
    await tx.identity.createUser({
      id: newRamUserId(),
      account_id: MANAGEMENT_ACCOUNT_ID,
      name: 'rd-admin',
      display_name: 'Resource Directory administrator',
      created_at: now,
    });
    await tx.ram.attach({
      account_id: MANAGEMENT_ACCOUNT_ID,
      principal_type: 'User',
      principal_name: 'rd-admin',
      policy_type: 'System',
      policy_name: 'AliyunResourceDirectoryFullAccess',
      attached_at: now,
    });
    await tx.identity.createAccessKey({
      id: adminKey.accessKeyId,
      account_id: MANAGEMENT_ACCOUNT_ID,
      user_name: 'rd-admin',
      secret_enc: keyring.accessKeySecrets.seal(adminKey.accessKeySecret),
      status: 'Active',
      created_at: now,
    });
    return { ok: true as const, value: info };
  });
  return r.ok ? r.value : undefined;
}

/** Writes bootstrap.json with mode 0600 (it holds the demo secrets). */
export function writeBootstrapFile(dataDir: string, info: BootstrapInfo): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'bootstrap.json');
  fs.writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}

export function readBootstrapFile(dataDir: string): BootstrapInfo | undefined {
  const file = path.join(dataDir, 'bootstrap.json');
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as BootstrapInfo;
}

/**
 * The demo world for this data dir: created on an empty store, else read back from bootstrap.json
 * (with the endpoint brought up to date). Undefined when the store was bootstrapped elsewhere.
 */
export async function ensureBootstrap(
  store: Store,
  keyring: Keyring,
  clock: Clock,
  dataDir: string,
  endpoint: string,
  site: Site,
): Promise<BootstrapInfo | undefined> {
  const created = await createDemoWorld(store, keyring, clock, endpoint, site);
  const info = created ?? readBootstrapFile(dataDir);
  if (!info) return undefined;
  const current = { ...info, endpoint, site };
  writeBootstrapFile(dataDir, current);
  return current;
}
