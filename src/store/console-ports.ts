/**
 * Read-only listings for the web console (GET /_resdir/console/): the whole server at a glance,
 * across accounts and directories. Nothing here writes, and nothing returns a secret (no key
 * secret, no code, no payload).
 */
import type { AccountsTable, FoldersTable, ResourceDirectoriesTable } from './schema.js';
import type { RamGroupsTable } from './ram-schema.js';

export interface ConsoleReadRepo {
  /** Every resource directory, oldest first. */
  listDirectories(): Promise<ResourceDirectoriesTable[]>;
  /** The folders of a directory (root included), oldest first. */
  foldersOf(directoryId: string): Promise<FoldersTable[]>;
  /** Accounts, oldest first, at most `limit`. */
  listAccounts(limit: number): Promise<AccountsTable[]>;
  /** The account's RAM groups by name. */
  listGroups(accountId: string): Promise<RamGroupsTable[]>;
  /** The user names in a group, by name. */
  membersOfGroup(accountId: string, groupName: string): Promise<string[]>;
}
