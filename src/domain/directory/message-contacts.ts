import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newMessageContactId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { ContactBinding, MessageContactRow } from '../../store/message-contact-ports.js';

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

/** A contact with the IDs it is bound to (oldest binding first). */
export interface ContactWithMembers {
  row: MessageContactRow;
  members: string[];
}

/** Which pending values CancelMessageContactUpdate reverts. */
export interface PendingValues {
  emailAddress?: string;
  phoneNumber?: string;
}

/** The progress of a contact's deletion: Deleting until its delay has passed, then Success. */
export type DeletionProgress = 'Deleting' | 'Success';

const notFound = (id: string): ApiFailure =>
  failure('EntityNotExists.MessageContact', `The message contact ${id} does not exist in your resource directory.`);

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
      verified_email_address: null,
      verified_phone_number: null,
    };
    await this.store.messageContacts.insert(row);
    return row;
  }

  /** Failure: EntityNotExists.MessageContact (404), also for a contact whose deletion completed. */
  async get(dir: Directory, contactId: string): Promise<Result<MessageContactRow, ApiFailure>> {
    const c = await this.store.messageContacts.get(dir.id, contactId, this.clock.now());
    return c ? ok(c) : err(notFound(contactId));
  }

  /** The contact with its members. Failure: as for `get`. */
  async getWithMembers(dir: Directory, contactId: string): Promise<Result<ContactWithMembers, ApiFailure>> {
    const c = await this.get(dir, contactId);
    if (!c.ok) return c;
    return ok((await this.withMembers([c.value]))[0]!);
  }

  async list(dir: Directory, filter: ContactFilter): Promise<ContactWithMembers[]> {
    const all = await this.store.messageContacts.list(dir.id, this.clock.now());
    const picked = all.filter((c) => filter.contactId === undefined || c.contact_id === filter.contactId);
    const withMembers = await this.withMembers(picked);
    return withMembers.filter((c) => filter.member === undefined || c.members.includes(filter.member));
  }

  private async withMembers(rows: MessageContactRow[]): Promise<ContactWithMembers[]> {
    const bindings = await this.store.messageContacts.bindingsOf(rows.map((r) => r.contact_id));
    const by = new Map<string, string[]>();
    for (const b of bindings) by.set(b.contact_id, [...(by.get(b.contact_id) ?? []), b.member_id]);
    return rows.map((row) => ({ row, members: by.get(row.contact_id) ?? [] }));
  }

  /** The contact's bindings, oldest first. */
  async bindings(contactId: string): Promise<ContactBinding[]> {
    return this.store.messageContacts.bindingsOf([contactId]);
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
    // Changing back to the last verified value needs no new verification.
    const emailVerified = emailChanged
      ? Number(f.emailAddress === c.value.verified_email_address)
      : c.value.email_verified;
    const phoneVerified = phoneChanged
      ? Number(f.phoneNumber === c.value.verified_phone_number)
      : c.value.phone_verified;
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
    // The same table AssociateMembers writes.
    const bound = await this.bindings(contactId);
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

  /**
   * Reverts the pending change of each given value to the last verified one (verified again);
   * with neither value given, every pending change that has a verified value before it.
   * Failures: EntityNotExists.MessageContact (404); InvalidStatus.MessageContact (409) while
   * deleting; EntityNotMatch.MessageContact.EmailAddress / .PhoneNumber (400) for a value that is
   * not the contact's current one; InvalidStatus.MessageContact.NoPendingUpdate (409) when that
   * value is verified or was never preceded by a verified one.
   */
  async cancelUpdate(dir: Directory, contactId: string, p: PendingValues): Promise<Result<void, ApiFailure>> {
    const got = await this.get(dir, contactId);
    if (!got.ok) return got;
    const c = got.value;
    if (c.status === 'Deleting') return err(failure('InvalidStatus.MessageContact'));
    const fields: Partial<MessageContactRow> = {};
    const revert = [
      { given: p.emailAddress, current: c.email_address, flag: c.email_verified, last: c.verified_email_address },
      { given: p.phoneNumber, current: c.phone_number, flag: c.phone_verified, last: c.verified_phone_number },
    ] as const;
    const all = p.emailAddress === undefined && p.phoneNumber === undefined;
    if (all && !revert.some((v) => v.flag === 0 && v.last !== null)) {
      return err(
        failure(
          'InvalidStatus.MessageContact.NoPendingUpdate',
          `No change of the e-mail address or phone number of the message contact ${contactId} can be cancelled.`,
        ),
      );
    }
    const restore = (i: number, last: string) =>
      Object.assign(
        fields,
        i === 0 ? { email_address: last, email_verified: 1 } : { phone_number: last, phone_verified: 1 },
      );
    for (const [i, v] of revert.entries()) {
      if (all) {
        if (v.flag === 0 && v.last !== null) restore(i, v.last);
        continue;
      }
      if (v.given === undefined) continue;
      const what = i === 0 ? 'e-mail address' : 'phone number';
      // E-mail addresses compare without case, as everywhere else for contacts.
      if (i === 0 ? v.given.toLowerCase() !== v.current.toLowerCase() : v.given !== v.current) {
        const code =
          i === 0 ? 'EntityNotMatch.MessageContact.EmailAddress' : 'EntityNotMatch.MessageContact.PhoneNumber';
        return err(failure(code, `${v.given} is not the ${what} of the message contact ${contactId}.`));
      }
      if (v.flag === 1 || v.last === null) {
        return err(
          failure(
            'InvalidStatus.MessageContact.NoPendingUpdate',
            v.flag === 1
              ? `The ${what} ${v.given} of the message contact ${contactId} is verified: no change is pending.`
              : `The ${what} of the message contact ${contactId} was never verified: there is nothing to go back to.`,
          ),
        );
      }
      restore(i, v.last);
    }
    const email = fields.email_verified ?? c.email_verified;
    const phone = fields.phone_verified ?? c.phone_verified;
    fields.status = email === 1 && phone === 1 ? 'Active' : 'Verifying';
    const done = await this.store.messageContacts.update(contactId, this.clock.now(), fields);
    return done ? ok(undefined) : err(notFound(contactId));
  }

  /** Failure: EntityNotExists.MessageContact (404) for a contact that was never being deleted. */
  async deletionStatus(dir: Directory, contactId: string): Promise<Result<DeletionProgress, ApiFailure>> {
    const c = await this.store.messageContacts.deletionOf(dir.id, contactId);
    if (!c || c.deletion_due_at === null) return err(notFound(contactId));
    return ok(c.deletion_due_at <= this.clock.now() ? 'Success' : 'Deleting');
  }
}
