/**
 * The store's primitives for the directory lifecycle: enabling and destroying directories, member
 * deletion flows, standalone removal of members, and invitations (handshakes). Each primitive that
 * guards a state change is one atomic statement; "→ boolean" reports whether it changed a row.
 */
import type { Directory, Folder } from './ports.js';
import type { AccountDeletionsTable, DirectoryOptionsTable, HandshakesTable } from './lifecycle-schema.js';

export type DirectoryOptions = DirectoryOptionsTable;

export type AccountDeletion = AccountDeletionsTable;
export type Handshake = HandshakesTable;

export interface LifecycleRepo {
  /** Creates the directory and its root folder; false (nothing written) when the account already manages one. */
  createDirectory(d: Directory, root: Folder): Promise<boolean>;
  /** The ID of the account with this logon name (account name or e-mail), if any. */
  accountIdByName(name: string): Promise<string | undefined>;
  /** Number of folders besides the root, and of members besides the management account. */
  contents(d: Directory): Promise<{ folders: number; members: number }>;
  /** Deletes the directory, its root folder, the management account's membership, options and handshakes. */
  destroyDirectory(d: Directory): Promise<void>;

  /** The directory's switches; both Disabled when never set. */
  options(directoryId: string): Promise<Pick<DirectoryOptions, 'member_deletion_status' | 'control_policy_status'>>;
  setMemberDeletionStatus(directoryId: string, status: 'Enabled' | 'Disabled', now: number): Promise<void>;

  /** Starts (or restarts) the deletion check of a member; false when its deletion is under way. */
  startCheck(accountId: string, directoryId: string, now: number): Promise<boolean>;
  getDeletion(accountId: string): Promise<AccountDeletion | undefined>;
  /** Starts the deletion once: false when it already started (one winner under races). */
  startDeletion(accountId: string, now: number, deletionType: string): Promise<boolean>;
  /** Deletions started at or before `startedBefore` and not yet carried out. */
  dueDeletions(startedBefore: number, limit: number): Promise<AccountDeletion[]>;
  /**
   * Marks the deletion carried out (false if it already was) and removes the member, its account
   * and everything the account holds (RAM users, keys, roles, groups, policies, STS sessions).
   */
  completeDeletion(accountId: string, now: number): Promise<boolean>;
  /** Removes the membership only (the account stays); false when it was not a member of that directory. */
  /** Removes the membership with its tags and delegations; false when it was not a member there. */
  removeMember(accountId: string, directoryId: string): Promise<boolean>;

  /** Marks Pending handshakes of (directory, target) that expired by `now` as Expired. */
  expirePending(directoryId: string, targetAccountId: string, now: number): Promise<void>;
  /** False (nothing written) when a Pending handshake for (directory, target) exists. */
  insertHandshake(h: Handshake): Promise<boolean>;
  getHandshake(id: string): Promise<Handshake | undefined>;
  /** Pending → `to` if still unexpired at `now`: true for exactly one of racing callers. */
  settleHandshake(id: string, to: 'Accepted' | 'Declined' | 'Cancelled', now: number): Promise<boolean>;
  listHandshakes(
    by: { directoryId: string } | { targetAccountId: string },
    offset: number,
    limit: number,
  ): Promise<{ total: number; handshakes: Handshake[] }>;
}
