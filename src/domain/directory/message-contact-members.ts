/**
 * Which objects a message contact is bound to: the resource directory itself, its folders and its
 * member accounts (AssociateMembers / DisassociateMembers, 2022-04-19). Bindings are rows of
 * rd_message_contact_members, the table DeleteMessageContact and ListMessageContacts read.
 *
 * Rules (docs/decisions.md, "Message contacts"): only an Active contact can be associated; an ID
 * must name the caller's directory, one of its folders or one of its members (else
 * EntityNotExists.ResourceDirectory / .Folder / .Account); repeated IDs count once; associating an
 * existing binding changes nothing (it keeps its date); disassociating an object that is not bound
 * but exists changes nothing; a contact has at most MAX_BINDINGS bindings.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { ContactBinding } from '../../store/message-contact-ports.js';

export const MAX_BINDINGS = 100;

const notFound = (id: string): ApiFailure =>
  failure('EntityNotExists.MessageContact', `The message contact ${id} does not exist in your resource directory.`);

export class MessageContactMembers {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Binds the contact to each ID; answers the binding of each (in the order given, once each).
   * Failures: EntityNotExists.MessageContact (404), InvalidStatus.MessageContact (409) while
   * deleting, InvalidStatus.MessageContact.NotActive (409), EntityNotExists.ResourceDirectory /
   * .Folder / .Account (404), LimitExceeded.MessageContact.Member (409).
   */
  async associate(
    dir: Directory,
    contactId: string,
    ids: readonly string[],
  ): Promise<Result<ContactBinding[], ApiFailure>> {
    const now = this.clock.now();
    const c = await this.store.messageContacts.get(dir.id, contactId, now);
    if (!c) return err(notFound(contactId));
    if (c.status === 'Deleting') return err(failure('InvalidStatus.MessageContact'));
    if (c.status !== 'Active') {
      return err(
        failure(
          'InvalidStatus.MessageContact.NotActive',
          `The message contact ${contactId} is ${c.status}: verify its e-mail address and phone number first.`,
        ),
      );
    }
    const wanted = [...new Set(ids)];
    for (const id of wanted) {
      const missing = await this.missing(dir, id);
      if (missing) return err(missing);
    }
    // A write on the contact row first: concurrent associations of one contact take turns, so the
    // limit is counted on what the others committed.
    await this.store.messageContacts.update(contactId, now, { status: c.status });
    const before = await this.store.messageContacts.bindingsOf([contactId]);
    const bound = new Set(before.map((b) => b.member_id));
    const fresh = wanted.filter((id) => !bound.has(id));
    if (before.length + fresh.length > MAX_BINDINGS) {
      return err(
        failure(
          'LimitExceeded.MessageContact.Member',
          `The message contact ${contactId} has ${before.length} association(s); at most ${MAX_BINDINGS} are allowed.`,
        ),
      );
    }
    await this.store.messageContacts.bind(
      fresh.map((member_id) => ({ contact_id: contactId, member_id, directory_id: dir.id, modified_at: now })),
    );
    const all = new Map((await this.store.messageContacts.bindingsOf([contactId])).map((b) => [b.member_id, b]));
    return ok(wanted.map((id) => all.get(id)!));
  }

  /**
   * Unbinds the contact from each ID; answers one entry per ID (once each) dated now. Failures:
   * EntityNotExists.MessageContact (404); for an ID that is neither bound nor an object of the
   * directory, EntityNotExists.ResourceDirectory / .Folder / .Account (404).
   */
  async disassociate(
    dir: Directory,
    contactId: string,
    ids: readonly string[],
  ): Promise<Result<ContactBinding[], ApiFailure>> {
    const now = this.clock.now();
    const c = await this.store.messageContacts.get(dir.id, contactId, now);
    if (!c) return err(notFound(contactId));
    const wanted = [...new Set(ids)];
    const bound = new Set((await this.store.messageContacts.bindingsOf([contactId])).map((b) => b.member_id));
    for (const id of wanted) {
      const missing = bound.has(id) ? undefined : await this.missing(dir, id);
      if (missing) return err(missing);
    }
    await this.store.messageContacts.unbind(contactId, wanted);
    return ok(
      wanted.map((member_id) => ({ contact_id: contactId, member_id, directory_id: dir.id, modified_at: now })),
    );
  }

  /** The failure for an ID that is not the directory, one of its folders or one of its members. */
  private async missing(dir: Directory, id: string): Promise<ApiFailure | undefined> {
    if (id.startsWith('rd-')) {
      return id === dir.id
        ? undefined
        : failure('EntityNotExists.ResourceDirectory', `The resource directory ${id} is not yours.`);
    }
    if (/^[0-9]{16}$/.test(id)) {
      return (await this.store.directory.getMember(id))?.directory_id === dir.id
        ? undefined
        : failure('EntityNotExists.Account', `The account ${id} is not a member of the resource directory.`);
    }
    return (await this.store.directory.getFolder(id))?.directory_id === dir.id
      ? undefined
      : failure('EntityNotExists.Folder', `The folder ${id} does not exist in the resource directory.`);
  }
}
