/** Row type of the message-contact table (migration 2026_12_02_0016). Times are epoch ms. */

/** Verifying until both the e-mail address and the phone number are verified; Deleting once deletion starts. */
export type MessageContactStatus = 'Verifying' | 'Active' | 'Deleting';

export interface RdMessageContactsTable {
  contact_id: string;
  directory_id: string;
  name: string;
  email_address: string;
  phone_number: string;
  title: string;
  /** JSON array of message type names. */
  message_types: string;
  /** JSON array of the member account IDs and folder IDs the contact is bound to. */
  members: string;
  status: MessageContactStatus;
  email_verified: number;
  phone_verified: number;
  created_at: number;
  /** When a started deletion completes (the contact is gone from then on); null: not being deleted. */
  deletion_due_at: number | null;
}

export interface MessageContactDatabase {
  rd_message_contacts: RdMessageContactsTable;
}
