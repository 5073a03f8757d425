/**
 * Enabling, describing and destroying resource directories, and their member-deletion switch.
 *
 * Contracts: a directory is created with its root folder and its management account's membership
 * in one transaction, and one account manages at most one directory (a racing second Enable gets
 * EntityAlreadyExists.ResourceDirectory); an account that is a member of another directory cannot
 * enable one. A directory is destroyed only when nothing but its management account and its root
 * folder is left.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newAccountId, newDirectoryId, newRootFolderId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Account, Directory, Repos, Store } from '../../store/ports.js';
import type { DirectoryOptions } from '../../store/lifecycle-ports.js';
import { auditEvent, type AuditDraft } from '../audit/audit.js';
import type { Phone } from '../phone/phone.js';
import type { EnableRdCodes } from '../verification/enable-rd.js';
import { provisionAccessRole } from './access-role.js';

export interface NewManagementAccount {
  name: string; // <prefix>@rdadmin.aliyunid.com
  phone: Phone;
  code: string;
}

export type DirectorySwitches = Pick<DirectoryOptions, 'member_deletion_status' | 'control_policy_status'>;

const inAnother = (accountId: string) =>
  failure(
    'NotSupport.AccountInAnotherResourceDirectory',
    `The account ${accountId} is already a member of a resource directory.`,
  );
const alreadyEnabled = (accountId: string) =>
  failure('EntityAlreadyExists.ResourceDirectory', `The account ${accountId} already has a resource directory.`);

export class DirectoryLifecycle {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    readonly codes: EnableRdCodes,
  ) {}

  /**
   * Whether `accountId` may enable a directory. Failures: EntityAlreadyExists.ResourceDirectory,
   * NotSupport.AccountInAnotherResourceDirectory.
   */
  async mayEnable(accountId: string, tx: Pick<Repos, 'directory'> = this.store): Promise<Result<void, ApiFailure>> {
    if (await tx.directory.directoryOfManager(accountId)) return err(alreadyEnabled(accountId));
    if (await tx.directory.getMember(accountId)) {
      // A concurrent enable by the same account may have committed between the two reads.
      const mine = await tx.directory.directoryOfManager(accountId);
      return err(mine ? alreadyEnabled(accountId) : inAnother(accountId));
    }
    return ok(undefined);
  }

  /**
   * EnableMode=CurrentAccount (and InitResourceDirectory): the caller's account becomes the
   * management account. With `audit`, the success record is written in the same transaction.
   */
  async enableForCurrentAccount(accountId: string, audit?: AuditDraft): Promise<Result<Directory, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const allowed = await this.mayEnable(accountId, tx);
      if (!allowed.ok) return allowed;
      const account = await tx.directory.getAccount(accountId);
      if (!account) throw new Error('an authenticated account has no account row');
      const dir = await this.create(tx, account);
      if (dir.ok && audit) await tx.audit.append(auditEvent(audit, 'OK'));
      return dir;
    });
  }

  /**
   * EnableMode=NewManagementAccount: a new account named `ma.name`, with `ma.phone` as its secure
   * phone, becomes the management account, and the caller's account its first member. The code
   * from SendVerificationCodeForEnableRD is checked first (a wrong one stays counted); it is used
   * only if the directory is created. Writes its own audit record with the change.
   * Failures: those of mayEnable, InvalidParameter.ManagementAccountName.AlreadyUsed, Invalid.VerificationCode.
   */
  async enableWithNewManagementAccount(
    callerAccountId: string,
    ma: NewManagementAccount,
    audit: AuditDraft,
  ): Promise<Result<Directory, ApiFailure>> {
    const pre = await this.preconditions(this.store, callerAccountId, ma.name);
    if (!pre.ok) return pre;
    const checked = await this.codes.check(callerAccountId, ma.phone, ma.code);
    if (!checked.ok) return checked;
    return this.store.atomically(async (tx) => {
      const used = await this.codes.consume(tx, checked.value);
      if (!used.ok) return used;
      const again = await this.preconditions(tx, callerAccountId, ma.name);
      if (!again.ok) return again;
      const now = this.clock.now();
      const manager: Account = {
        id: newAccountId(),
        account_name: ma.name,
        display_name: ma.name.split('@')[0]!,
        secure_mobile_phone: ma.phone.e164,
        secure_mobile_bound_at: now,
        created_at: now,
      };
      if (!(await tx.directory.createAccount(manager))) return err(nameTaken(ma.name));
      const dir = await this.create(tx, manager);
      if (!dir.ok) return dir;
      const caller = await tx.directory.getAccount(callerAccountId);
      if (!caller) throw new Error('an authenticated account has no account row');
      const joined = await this.join(tx, dir.value, caller, now);
      if (!joined) return err(inAnother(callerAccountId));
      await tx.audit.append(auditEvent(audit, 'OK'));
      return dir;
    });
  }

  private async preconditions(
    tx: Pick<Repos, 'directory' | 'lifecycle'>,
    callerAccountId: string,
    maName: string,
  ): Promise<Result<void, ApiFailure>> {
    const allowed = await this.mayEnable(callerAccountId, tx);
    if (!allowed.ok) return allowed;
    return (await tx.lifecycle.accountIdByName(maName)) ? err(nameTaken(maName)) : ok(undefined);
  }

  private async create(tx: Repos, manager: Account): Promise<Result<Directory, ApiFailure>> {
    const now = this.clock.now();
    const dir: Directory = {
      id: newDirectoryId(),
      management_account_id: manager.id,
      root_folder_id: newRootFolderId(),
      created_at: now,
    };
    const root = { id: dir.root_folder_id, directory_id: dir.id, parent_id: null, name: 'root', created_at: now };
    if (!(await tx.lifecycle.createDirectory(dir, root))) return err(alreadyEnabled(manager.id));
    const added = await tx.directory.addMember({
      account_id: manager.id,
      directory_id: dir.id,
      folder_id: dir.root_folder_id,
      type: 'CloudAccount',
      join_method: 'created',
      status: 'CreateSuccess',
      display_name: manager.display_name,
      join_time: now,
      modify_time: now,
    });
    return added ? ok(dir) : err(inAnother(manager.id));
  }

  /** Adds an existing account as an invited CloudAccount member; false when it is a member somewhere. */
  private async join(tx: Repos, dir: Directory, account: Account, now: number): Promise<boolean> {
    for (const displayName of [account.display_name, `${account.display_name.slice(0, 40)}-${account.id.slice(-6)}`]) {
      const added = await tx.directory.addMember({
        account_id: account.id,
        directory_id: dir.id,
        folder_id: dir.root_folder_id,
        type: 'CloudAccount',
        join_method: 'invited',
        status: 'InviteSuccess',
        display_name: displayName,
        join_time: now,
        modify_time: now,
      });
      if (added) return true;
      if (await tx.directory.getMember(account.id)) return false;
    }
    return false;
  }

  /** Creates ResourceDirectoryAccountAccessRole in a new member (joins the caller's transaction). */
  async provisionAccessRole(memberAccountId: string, dir: Directory): Promise<void> {
    await provisionAccessRole(this.store, memberAccountId, dir.management_account_id, this.clock.now());
  }

  /** Whether an account already has this logon name (a new management account's MAName). */
  async nameTaken(name: string): Promise<boolean> {
    return (await this.store.lifecycle.accountIdByName(name)) !== undefined;
  }

  account(accountId: string): Promise<Account | undefined> {
    return this.store.directory.getAccount(accountId);
  }

  switches(dir: Directory): Promise<DirectorySwitches> {
    return this.store.lifecycle.options(dir.id);
  }

  async setMemberDeletion(dir: Directory, status: 'Enabled' | 'Disabled'): Promise<void> {
    await this.store.lifecycle.setMemberDeletionStatus(dir.id, status, this.clock.now());
  }

  /** Failures: DeleteConflict.ResourceDirectory.Account, DeleteConflict.ResourceDirectory.Folder (409). */
  async destroy(dir: Directory): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const { folders, members } = await tx.lifecycle.contents(dir);
      if (members > 0)
        return err(
          failure(
            'DeleteConflict.ResourceDirectory.Account',
            `The resource directory still has ${members} member(s) besides the management account; delete or ` +
              `remove them first.`,
          ),
        );
      if (folders > 0)
        return err(
          failure(
            'DeleteConflict.ResourceDirectory.Folder',
            `The resource directory still has ${folders} folder(s) besides the root folder; delete them first.`,
          ),
        );
      await tx.lifecycle.destroyDirectory(dir);
      return ok(undefined);
    });
  }
}

const nameTaken = (name: string) =>
  failure('InvalidParameter.ManagementAccountName.AlreadyUsed', `The account name ${name} is already used.`);
