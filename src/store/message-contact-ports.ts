/**
 * The store's contract for the message contacts of a directory. A contact whose deletion is due
 * (deletion_due_at ≤ now) counts as gone for every read but `deletionOf`.
 */
import type { RdMessageContactsTable } from './message-contact-schema.js';

export type { MessageContactStatus } from './message-contact-schema.js';
export type MessageContactRow = RdMessageContactsTable;

export interface MessageContactRepo {
  insert(row: MessageContactRow): Promise<void>;
  /** The live contact (not yet deleted at `now`), or undefined. */
  get(directoryId: string, contactId: string, now: number): Promise<MessageContactRow | undefined>;
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
}
