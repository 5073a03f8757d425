/**
 * RAM users and their AccessKeys. Rules as on Alibaba Cloud: a user has at most two AccessKeys;
 * a user cannot be deleted while it has AccessKeys, attached policies or group memberships; a
 * secret is returned once, at creation, and is kept sealed (AES-256-GCM) at rest.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { newAccessKeyId, newAccessKeySecret, newRamUserId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { AccessKey, RamUser, Store } from '../../store/ports.js';
import type { UserPatch } from '../../store/ram-ports.js';

export const MAX_KEYS_PER_USER = 2;

/** Free text is stored in Unicode NFC, so that canonically equal names are one name. */
function nfcPatch(p: UserPatch): UserPatch {
  const out = { ...p };
  if (out.display_name !== undefined) out.display_name = out.display_name.normalize('NFC');
  if (out.comments !== undefined) out.comments = out.comments.normalize('NFC');
  return out;
}

export interface NewUser {
  name: string;
  displayName?: string;
  comments?: string;
  email?: string;
  mobilePhone?: string;
}

const notFound = (name: string): ApiFailure => failure('EntityNotExist.User', `The user ${name} does not exist.`);

export class UserService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
  ) {}

  async create(accountId: string, u: NewUser): Promise<Result<RamUser, ApiFailure>> {
    const now = this.clock.now();
    const row: RamUser = {
      id: newRamUserId(),
      account_id: accountId,
      name: u.name,
      display_name: (u.displayName ?? u.name).normalize('NFC'),
      created_at: now,
      comments: u.comments?.normalize('NFC') ?? null,
      email: u.email ?? null,
      mobile_phone: u.mobilePhone ?? null,
      updated_at: now,
    };
    if (!(await this.store.ram.insertUser(row)))
      return err(failure('EntityAlreadyExists.User', `The user ${u.name} already exists.`));
    return ok(row);
  }

  async get(accountId: string, name: string): Promise<Result<RamUser, ApiFailure>> {
    const u = await this.store.identity.getUser(accountId, name);
    return u ? ok(u) : err(notFound(name));
  }

  list(accountId: string): Promise<RamUser[]> {
    return this.store.ram.listUsers(accountId);
  }

  /** Failures: EntityNotExist.User, EntityAlreadyExists.User (the new name is taken). */
  async update(accountId: string, name: string, given: UserPatch): Promise<Result<RamUser, ApiFailure>> {
    const patch = nfcPatch(given);
    return this.store.atomically(async (tx) => {
      if (!(await tx.identity.getUser(accountId, name))) return err(notFound(name));
      if (!(await tx.ram.updateUser(accountId, name, patch, this.clock.now()))) {
        return err(failure('EntityAlreadyExists.User', `The user ${patch.name ?? name} already exists.`));
      }
      const u = await tx.identity.getUser(accountId, patch.name ?? name);
      return u ? ok(u) : err(notFound(name));
    });
  }

  /** Failures: EntityNotExist.User, DeleteConflict.User.{AccessKey,Policy,Group}. */
  async delete(accountId: string, name: string): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      if (!(await tx.ram.lockIdentity(accountId, name))) return err(notFound(name));
      if ((await tx.ram.listAccessKeys(accountId, name)).length > 0)
        return err(
          failure('DeleteConflict.User.AccessKey', `The user ${name} still has AccessKeys; delete them first.`),
        );
      if ((await tx.ram.attachmentsOf(accountId, 'User', name)).length > 0)
        return err(
          failure('DeleteConflict.User.Policy', `The user ${name} still has policies attached; detach them first.`),
        );
      if ((await tx.ram.groupsOfUser(accountId, name)).length > 0)
        return err(
          failure('DeleteConflict.User.Group', `The user ${name} still belongs to groups; remove it from them first.`),
        );
      await tx.ram.deleteUser(accountId, name);
      return ok(undefined);
    });
  }

  /**
   * A new Active key for a user (or the account's root identity when userName is null); the secret
   * is in the result only. Failures: EntityNotExist.User, LimitExceeded.User.AccessKey.
   */
  async createKey(
    accountId: string,
    userName: string | null,
  ): Promise<Result<{ key: AccessKey; secret: string }, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      // Lock first: two concurrent CreateAccessKey calls must not both see one key and add two.
      const exists = await tx.ram.lockIdentity(accountId, userName);
      if (userName !== null && !exists) return err(notFound(userName));
      if ((await tx.ram.listAccessKeys(accountId, userName)).length >= MAX_KEYS_PER_USER) {
        return err(
          failure(
            'LimitExceeded.User.AccessKey',
            `${userName ?? 'The account'} already has ${MAX_KEYS_PER_USER} AccessKeys, the limit.`,
          ),
        );
      }
      const secret = newAccessKeySecret();
      const key: AccessKey = {
        id: newAccessKeyId(),
        account_id: accountId,
        user_name: userName,
        secret_enc: this.keyring.accessKeySecrets.seal(secret),
        status: 'Active',
        created_at: this.clock.now(),
      };
      await tx.identity.createAccessKey(key);
      return ok({ key, secret });
    });
  }

  async listKeys(accountId: string, userName: string | null): Promise<Result<AccessKey[], ApiFailure>> {
    if (userName !== null && !(await this.store.identity.getUser(accountId, userName))) return err(notFound(userName));
    return ok(await this.store.ram.listAccessKeys(accountId, userName));
  }

  /** The key must belong to that user (or root) of that account. Failures: EntityNotExist.User(.AccessKey). */
  private async ownedKey(
    accountId: string,
    userName: string | null,
    keyId: string,
  ): Promise<Result<AccessKey, ApiFailure>> {
    if (userName !== null && !(await this.store.identity.getUser(accountId, userName))) return err(notFound(userName));
    const key = await this.store.identity.getAccessKey(keyId);
    if (!key || key.account_id !== accountId || key.user_name !== userName)
      return err(failure('EntityNotExist.User.AccessKey', `The AccessKey ${keyId} does not exist.`));
    return ok(key);
  }

  async setKeyStatus(
    accountId: string,
    userName: string | null,
    keyId: string,
    status: 'Active' | 'Inactive',
  ): Promise<Result<void, ApiFailure>> {
    const key = await this.ownedKey(accountId, userName, keyId);
    if (!key.ok) return key;
    await this.store.ram.setAccessKeyStatus(keyId, status);
    return ok(undefined);
  }

  async deleteKey(accountId: string, userName: string | null, keyId: string): Promise<Result<void, ApiFailure>> {
    const key = await this.ownedKey(accountId, userName, keyId);
    if (!key.ok) return key;
    await this.store.ram.deleteAccessKey(keyId);
    return ok(undefined);
  }
}
