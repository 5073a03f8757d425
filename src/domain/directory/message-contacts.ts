import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newMessageContactId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { MessageContactRow } from '../../store/message-contact-ports.js';

/** What a user gives for a contact. */
export interface ContactFields {
  name: string;
  emailAddress: string;
  phoneNumber: string;
  title: string;
  messageTypes: readonly string[];
}

export interface ContactFilter {
  contactId?: string;
  /** A member account ID or folder ID the contact is bound to. */
  member?: string;
}

/** The progress of a contact's deletion: Deleting until its delay has passed, then Success. */
export type DeletionProgress = 'Deleting' | 'Success';

const notFound = (id: string): ApiFailure =>
  failure('EntityNotExists.MessageContact', `The message contact ${id} does not exist in your resource directory.`);

export const membersOf = (c: MessageContactRow): string[] => JSON.parse(c.members) as string[];
export const messageTypesOf = (c: MessageContactRow): string[] => JSON.parse(c.message_types) as string[];

/**
 * The message contacts of a directory. A new contact is Verifying until both its e-mail address and
 * its phone number are verified (then Active); changing either one makes it Verifying again. A
 * deletion is refused while the contact is bound to members or folders; otherwise the contact is
 * Deleting for `deletionMs`, then gone (its row stays for the deletion status).
 */
export class MessageContactService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly deletionMs: number,
  ) {}

  async add(dir: Directory, f: ContactFields): Promise<MessageContactRow> {
    const row: MessageContactRow = {
      contact_id: newMessageContactId(),
      directory_id: dir.id,
      name: f.name,
      email_address: f.emailAddress,
      phone_number: f.phoneNumber,
      title: f.title,
      message_types: JSON.stringify([...f.messageTypes]),
      members: '[]',
      status: 'Verifying',
      email_verified: 0,
      phone_verified: 0,
      created_at: this.clock.now(),
      deletion_due_at: null,
    };
    await this.store.messageContacts.insert(row);
    return row;
  }

  /** Failure: EntityNotExists.MessageContact (404), also for a contact whose deletion completed. */
  async get(dir: Directory, contactId: string): Promise<Result<MessageContactRow, ApiFailure>> {
    const c = await this.store.messageContacts.get(dir.id, contactId, this.clock.now());
    return c ? ok(c) : err(notFound(contactId));
  }

  async list(dir: Directory, filter: ContactFilter): Promise<MessageContactRow[]> {
    const all = await this.store.messageContacts.list(dir.id, this.clock.now());
    return all.filter(
      (c) =>
        (filter.contactId === undefined || c.contact_id === filter.contactId) &&
        (filter.member === undefined || membersOf(c).includes(filter.member)),
    );
  }

  /**
   * Changes the given fields. Failures: EntityNotExists.MessageContact (404),
   * InvalidStatus.MessageContact (409) while the contact is being deleted.
   */
  async update(dir: Directory, contactId: string, f: Partial<ContactFields>): Promise<Result<void, ApiFailure>> {
    const c = await this.get(dir, contactId);
    if (!c.ok) return c;
    if (c.value.status === 'Deleting') return err(failure('InvalidStatus.MessageContact'));
    const emailChanged = f.emailAddress !== undefined && f.emailAddress !== c.value.email_address;
    const phoneChanged = f.phoneNumber !== undefined && f.phoneNumber !== c.value.phone_number;
    const emailVerified = emailChanged ? 0 : c.value.email_verified;
    const phoneVerified = phoneChanged ? 0 : c.value.phone_verified;
    const fields: Partial<MessageContactRow> = {
      ...(f.name !== undefined ? { name: f.name } : {}),
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.messageTypes !== undefined ? { message_types: JSON.stringify([...f.messageTypes]) } : {}),
      ...(emailChanged ? { email_address: f.emailAddress } : {}),
      ...(phoneChanged ? { phone_number: f.phoneNumber } : {}),
      email_verified: emailVerified,
      phone_verified: phoneVerified,
      status: emailVerified === 1 && phoneVerified === 1 ? 'Active' : 'Verifying',
    };
    const done = await this.store.messageContacts.update(contactId, this.clock.now(), fields);
    return done ? ok(undefined) : err(notFound(contactId));
  }

  /**
   * Starts the deletion. Failures: EntityNotExists.MessageContact (404),
   * DeleteConflict.MessageContact.Member (409) while bound to members or folders. Deleting a
   * contact that is already being deleted changes nothing.
   */
  async delete(dir: Directory, contactId: string): Promise<Result<void, ApiFailure>> {
    const c = await this.get(dir, contactId);
    if (!c.ok) return c;
    if (c.value.status === 'Deleting') return ok(undefined);
    const bound = membersOf(c.value);
    if (bound.length > 0) {
      return err(
        failure(
          'DeleteConflict.MessageContact.Member',
          `The message contact ${contactId} is still bound to ${bound.length} member(s) or folder(s); unbind it first.`,
        ),
      );
    }
    const now = this.clock.now();
    const done = await this.store.messageContacts.update(contactId, now, {
      status: 'Deleting',
      deletion_due_at: now + this.deletionMs,
    });
    return done ? ok(undefined) : err(notFound(contactId));
  }

  /** Failure: EntityNotExists.MessageContact (404) for a contact that was never being deleted. */
  async deletionStatus(dir: Directory, contactId: string): Promise<Result<DeletionProgress, ApiFailure>> {
    const c = await this.store.messageContacts.deletionOf(dir.id, contactId);
    if (!c || c.deletion_due_at === null) return err(notFound(contactId));
    return ok(c.deletion_due_at <= this.clock.now() ? 'Success' : 'Deleting');
  }
}
