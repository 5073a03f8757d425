/**
 * The store's contract for tags on members and folders, and for delegated administrators. Changes
 * that check a limit first take a write lock (`lockResource`, `lockDirectory`: the row's, the whole
 * database's on SQLite), so the count read after it stays true until the transaction ends. Call them
 * inside `store.atomically`.
 */
import type { Directory } from './ports.js';
import type { RdDelegatedAdminsTable, RdTagsTable, TaggedType, TagOwner } from './tag-schema.js';

export type { TaggedType, TagOwner } from './tag-schema.js';
export type TagRow = RdTagsTable;
export type DelegationRow = RdDelegatedAdminsTable;

/** One condition of a Tag filter: the key, and the value when one was given ('' matches only ''). */
export interface TagFilter {
  key: string;
  value?: string;
}

export interface TagResourceQuery {
  directoryId: string;
  type: TaggedType;
  /** Only these resources (any when absent). */
  resourceIds?: readonly string[];
  /** Only tags matching one of these (any when absent). */
  tags?: readonly TagFilter[];
}

export interface TagRepo {
  /** Locks the member's or folder's row until the transaction ends; false when it does not exist. */
  lockResource(type: TaggedType, id: string): Promise<boolean>;
  /** Every tag of these resources, by resource, then key. */
  tagsOf(type: TagOwner, ids: readonly string[]): Promise<TagRow[]>;
  /** Sets a tag (a new key, or a new value of a key the resource has). */
  putTag(row: TagRow): Promise<void>;
  /** Removes the given keys of a resource (every key when `keys` is absent); how many went. */
  removeTags(type: TagOwner, id: string, keys?: readonly string[]): Promise<number>;
  /** Tag rows matching the query, by resource, then key. */
  tagResources(q: TagResourceQuery, offset: number, limit: number): Promise<TagRow[]>;
  /** The distinct keys in use, sorted, optionally containing `filter` (case-insensitive). */
  tagKeys(
    directoryId: string,
    type: TaggedType,
    filter: string | undefined,
    offset: number,
    limit: number,
  ): Promise<string[]>;
  /** The distinct values of one key, sorted, optionally containing `filter` (case-insensitive). */
  tagValues(
    directoryId: string,
    type: TaggedType,
    key: string,
    filter: string | undefined,
    offset: number,
    limit: number,
  ): Promise<string[]>;
}

export interface EnabledService {
  service_principal: string;
  /** The earliest delegation of the service still in force. */
  enabled_at: number;
}

export interface DelegationRepo {
  /** Locks the directory's row until the transaction ends (serializes registrations per directory). */
  lockDirectory(directoryId: string): Promise<void>;
  /** Registers; false (nothing written) when the account is already registered for the service. */
  addDelegation(row: DelegationRow): Promise<boolean>;
  /** Deregisters; false when the account was not registered for the service. */
  removeDelegation(directoryId: string, servicePrincipal: string, accountId: string): Promise<boolean>;
  /** The delegated administrators of a directory (optionally of one service), oldest first. */
  delegations(directoryId: string, servicePrincipal?: string): Promise<DelegationRow[]>;
  /** The services of the directory with at least one delegated administrator (optionally: this one). */
  enabledServices(directoryId: string, accountId?: string): Promise<EnabledService[]>;
  /**
   * The directory in which the account is a delegated administrator of at least one service and
   * still a member (undefined: none). One indexed read (rd_delegated_admins_account).
   */
  administeredDirectory(accountId: string): Promise<Directory | undefined>;
}
