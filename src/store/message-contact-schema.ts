/** Row types of the message-contact tables (migrations 2026_12_02_0016 and 0018). Times are epoch ms. */

/** Verifying until both the e-mail address and the phone number are verified; Deleting once deletion starts. */
export type MessageContactStatus = 'Verifying' | 'Active' | 'Deleting';

export interface RdMessageContactsTable {
  contact_id: string;
  directory_id: string;
  name: string;
  /** The current e-mail address: the verified one, or a pending one set by UpdateMessageContact. */
  email_address: string;
  /** The current phone number (`86-…`), verified or pending, as for email_address. */
  phone_number: string;
  title: string;
  /** JSON array of message type names. */
  message_types: string;
  /** Unused since 0018 (always '[]'): bindings are rows of rd_message_contact_members. */
  members: string;
  status: MessageContactStatus;
  /** 1 when email_address is verified. */
  email_verified: number;
  /** 1 when phone_number is verified. */
  phone_verified: number;
  created_at: number;
  /** When a started deletion completes (the contact is gone from then on); null: not being deleted. */
  deletion_due_at: number | null;
  /** The last verified e-mail address (null: never verified); restored by CancelMessageContactUpdate. */
  verified_email_address: string | null;
  /** The last verified phone number (null: never verified). */
  verified_phone_number: string | null;
}

/** One binding of a contact to the directory, a folder or a member account. */
export interface RdMessageContactMembersTable {
  contact_id: string;
  member_id: string;
  directory_id: string;
  modified_at: number;
}

/** The development mail inbox: the one place an e-mailed verification code may be read back. */
export interface DevMailInboxTable {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  code: string;
  purpose: string;
  created_at: number;
}

export interface MessageContactDatabase {
  rd_message_contacts: RdMessageContactsTable;
  rd_message_contact_members: RdMessageContactMembersTable;
  dev_mail_inbox: DevMailInboxTable;
}
