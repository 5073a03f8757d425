/**
 * The store's contract for the message contacts of a directory. A contact whose deletion is due
 * (deletion_due_at ≤ now) counts as gone for every read but `deletionOf` and `byId`.
 */
import type {
  DevMailInboxTable,
  RdMessageContactMembersTable,
  RdMessageContactsTable,
} from './message-contact-schema.js';

export type { MessageContactStatus } from './message-contact-schema.js';
export type MessageContactRow = RdMessageContactsTable;
export type ContactBinding = RdMessageContactMembersTable;
export type MailMessage = DevMailInboxTable;

export interface MessageContactRepo {
  insert(row: MessageContactRow): Promise<void>;
  /** The live contact (not yet deleted at `now`), or undefined. */
  get(directoryId: string, contactId: string, now: number): Promise<MessageContactRow | undefined>;
  /** The live contact whatever its directory (the recipient's side of a verification). */
  byId(contactId: string, now: number): Promise<MessageContactRow | undefined>;
  /** The contact whatever its deletion state (for GetMessageContactDeletionStatus). */
  deletionOf(directoryId: string, contactId: string): Promise<MessageContactRow | undefined>;
  /** Every live contact of the directory, oldest first (then by ID). */
  list(directoryId: string, now: number): Promise<MessageContactRow[]>;
  /** Writes the changed fields of a live contact; false when it is gone. */
  update(
    contactId: string,
    now: number,
    fields: Partial<Omit<MessageContactRow, 'contact_id' | 'directory_id' | 'created_at'>>,
  ): Promise<boolean>;
  /** The bindings of the given contacts, by contact, then oldest first, then by member ID. */
  bindingsOf(contactIds: readonly string[]): Promise<ContactBinding[]>;
  /** Adds the bindings that do not exist yet (an existing one keeps its time). */
  bind(rows: readonly ContactBinding[]): Promise<void>;
  /** Removes the contact's bindings to `memberIds`; returns the IDs that were bound. */
  unbind(contactId: string, memberIds: readonly string[]): Promise<string[]>;
}

/** The development mail inbox. */
export interface MailInboxRepo {
  add(m: MailMessage): Promise<void>;
  /** Newest first; `to` (compared without case) or omitted for all. */
  list(to: string | undefined, limit: number): Promise<MailMessage[]>;
  clear(): Promise<void>;
}
