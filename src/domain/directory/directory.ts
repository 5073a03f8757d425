import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newAccountId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Member, Store } from '../../store/ports.js';
import type { Principal } from '../../auth/principal.js';
import type { CallMemo } from '../../operations/define.js';
import { MEMBER_FROM_MEMORY, MemberMemory, SERVED_FROM_MEMORY } from './member-memory.js';

export interface NewResourceAccount {
  displayName: string;
  parentFolderId?: string;
  accountNamePrefix?: string;
}

/** The memo key of a memberOf result (see CallMemo): reused by the handler of the same call. */
export const memberMemoKey = (dir: Directory, accountId: string): string => `memberOf:${dir.id}:${accountId}`;

/** The resource directory: who manages which directory, its folders and its members. */
export class DirectoryService {
  /** The folder chain read with a member by memberOf, so that pathOf needs no further read. */
  private readonly chains = new WeakMap<Member, string[]>();
  /** Members as last read, for calls whose write re-checks the member (see member-memory.ts). */
  private readonly memory = new MemberMemory();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The directory the caller's account manages. Failure: ResourceDirectoryNotInUse (404). */
  async managedBy(principal: Principal): Promise<Result<Directory, ApiFailure>> {
    const dir = await this.store.directory.directoryOfManager(principal.accountId);
    return dir ? ok(dir) : err(failure('ResourceDirectoryNotInUse'));
  }

  /**
   * The directory seen by the caller: the one it manages, else the one its account is a member of.
   * Failure: ResourceDirectoryNotInUse (404).
   */
  async visibleTo(principal: Principal): Promise<Result<Directory, ApiFailure>> {
    const managed = await this.store.directory.directoryOfManager(principal.accountId);
    if (managed) return ok(managed);
    const member = await this.store.directory.getMember(principal.accountId);
    const dir = member ? await this.store.directory.getDirectory(member.directory_id) : undefined;
    return dir ? ok(dir) : err(failure('ResourceDirectoryNotInUse'));
  }

  /**
   * The rule of the secure-phone operations: the caller must be a RAM identity (not the root
   * identity) of an account that manages a resource directory (`known`: that directory or null,
   * when the caller already knows it). Failure: CallerIdentityError (409).
   */
  async requireManagementRamIdentity(
    principal: Principal,
    known?: Directory | null,
  ): Promise<Result<Directory, ApiFailure>> {
    if (principal.kind === 'root') {
      return err(
        failure(
          'CallerIdentityError',
          'The root identity cannot perform this operation. Use a RAM user or RAM role of the management account ' +
            'so that the operator is recorded.',
        ),
      );
    }
    const dir = known !== undefined ? known : await this.store.directory.directoryOfManager(principal.accountId);
    if (!dir) {
      return err(
        failure(
          'CallerIdentityError',
          'The caller is not a RAM user or RAM role of the management account of a resource directory.',
        ),
      );
    }
    return ok(dir);
  }

  /**
   * A member of `dir` by account ID. Failures: EntityNotExists.Account (404) when no such account
   * exists; NotSupport.AccountInAnotherResourceDirectory (409) when it exists outside `dir`.
   */
  async memberOf(dir: Directory, accountId: string, memo?: CallMemo): Promise<Result<Member, ApiFailure>> {
    // No enumeration: the same one read whether the account is unknown, in another directory or a
    // member here, so only the documented code tells them apart.
    // Memory serves members of `dir` only: an unknown or foreign account always costs the same read.
    let found = memo?.has(MEMBER_FROM_MEMORY) ? this.memory.get(accountId) : undefined;
    if (found?.member?.directory_id !== dir.id) found = undefined;
    if (found) memo?.set(SERVED_FROM_MEMORY, true);
    else {
      found = await this.store.directory.lookupMember(accountId);
      this.memory.set(accountId, found);
    }
    const member = found.member;
    if (member && member.directory_id === dir.id) {
      this.chains.set(member, found.folderChain);
      return ok(member);
    }
    return found.accountExists
      ? err(
          failure(
            'NotSupport.AccountInAnotherResourceDirectory',
            `The account ${accountId} is not a member of the resource directory ${dir.id}.`,
          ),
        )
      : err(failure('EntityNotExists.Account', `The account ${accountId} does not exist.`));
  }

  /**
   * A member that can receive a secure phone: of `dir`, of type ResourceAccount, with none bound yet.
   * Failures: those of memberOf, AccountTypeMismatch (409), AccountSecureMobileAlreadyExists (409).
   */
  async memberForSecurePhone(
    dir: Directory,
    accountId: string,
    memo?: Map<string, unknown>,
  ): Promise<Result<Member, ApiFailure>> {
    const known = memo?.get(memberMemoKey(dir, accountId)) as Result<Member, ApiFailure> | undefined;
    const r = known ?? (await this.memberOf(dir, accountId, memo));
    if (!r.ok) return r;
    const m = r.value;
    if (m.type !== 'ResourceAccount') {
      return err(
        failure(
          'AccountTypeMismatch',
          `The member ${accountId} is of type ${m.type}; a secure mobile phone can only be bound to a member of ` +
            `the ResourceAccount type.`,
        ),
      );
    }
    if (m.account.secure_mobile_phone !== null) {
      return err(
        failure(
          'AccountSecureMobileAlreadyExists',
          `The member ${accountId} already has a secure mobile phone number; it can only be bound once.`,
        ),
      );
    }
    return ok(m);
  }

  /**
   * Creates a ResourceAccount member. Failures: EntityNotExists.Folder (404),
   * InvalidParameter.Account.DisplayName.AlreadyUsed (409), EntityAlreadyExists.ResourceDirectory.Account (409).
   */
  async createResourceAccount(dir: Directory, input: NewResourceAccount): Promise<Result<Member, ApiFailure>> {
    const folderId = input.parentFolderId ?? dir.root_folder_id;
    const folder = await this.store.directory.getFolder(folderId);
    if (!folder || folder.directory_id !== dir.id) {
      return err(failure('EntityNotExists.Folder', `The folder ${folderId} does not exist in the resource directory.`));
    }
    const now = this.clock.now();
    const accountId = newAccountId();
    // Account names are e-mail-like and compared without case: the prefix is stored in lower case.
    const prefix = (input.accountNamePrefix ?? `member-${accountId.slice(-8)}`).toLowerCase();
    const displayName = input.displayName.normalize('NFC');
    const accountName = `${prefix}@${dir.id}.aliyunid.com`;
    return this.store.atomically(async (tx) => {
      const created = await tx.directory.createAccount({
        id: accountId,
        account_name: accountName,
        display_name: displayName,
        secure_mobile_phone: null,
        secure_mobile_bound_at: null,
        created_at: now,
      });
      if (!created) {
        return err(
          failure(
            'EntityAlreadyExists.ResourceDirectory.Account',
            `The account name ${accountName} is already used in the resource directory.`,
          ),
        );
      }
      const added = await tx.directory.addMember({
        account_id: accountId,
        directory_id: dir.id,
        folder_id: folderId,
        type: 'ResourceAccount',
        join_method: 'created',
        status: 'CreateSuccess',
        display_name: displayName,
        join_time: now,
        modify_time: now,
      });
      if (!added) {
        return err(
          failure(
            'InvalidParameter.Account.DisplayName.AlreadyUsed',
            `The display name "${displayName}" is already used in the resource directory.`,
          ),
        );
      }
      const member = await tx.directory.getMember(accountId);
      if (!member) throw new Error('member vanished inside its own transaction');
      return ok(member);
    });
  }

  /** The account's logon name, or its ID when the account is unknown. */
  async accountName(accountId: string): Promise<string> {
    return (await this.store.directory.getAccount(accountId))?.account_name ?? accountId;
  }

  async listMembers(
    dir: Directory,
    pageNumber: number,
    pageSize: number,
  ): Promise<{ total: number; members: Member[] }> {
    return this.store.directory.listMembers(dir.id, (pageNumber - 1) * pageSize, pageSize);
  }

  /** `rd-…/r-…/fd-…`: a folder's chain from the root; undefined when it is not a folder of `dir`. */
  async folderPathOf(dir: Directory, folderId: string): Promise<string | undefined> {
    const folder = await this.store.directory.getFolder(folderId);
    if (!folder || folder.directory_id !== dir.id) return undefined;
    const chain: string[] = [];
    let id: string | null = folderId;
    for (let depth = 0; id !== null && depth < 10; depth++) {
      chain.unshift(id);
      id = (await this.store.directory.getFolder(id))?.parent_id ?? null;
    }
    return [dir.id, ...chain].join('/');
  }

  /** `rd-…/r-…/fd-…/<accountId>`: the member's folder chain from the root. */
  async pathOf(dir: Directory, member: Member): Promise<string> {
    const known = this.chains.get(member);
    if (known && known.length > 0) return [dir.id, ...known, member.account_id].join('/');
    const chain: string[] = [];
    let id: string | null = member.folder_id;
    for (let depth = 0; id !== null && depth < 10; depth++) {
      chain.unshift(id);
      const f = await this.store.directory.getFolder(id);
      id = f?.parent_id ?? null;
    }
    return [dir.id, ...chain, member.account_id].join('/');
  }
}
