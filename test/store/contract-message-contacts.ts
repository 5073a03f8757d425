/**
 * Conformance, part of the store suite. Message contacts: rows read back exactly (bigint and
 * null columns included), oldest first, updates of live contacts only, and a deletion that is due
 * hiding the contact from every read but deletionOf.
 */
import { describe, expect, it } from 'vitest';
import type { MessageContactRow } from '../../src/store/message-contact-ports.js';
import type { TestDatabase } from './dialects.js';
import { T0 } from './fixtures.js';

export function messageContactsContract(db: () => TestDatabase): void {
  const row = (id: string, over: Partial<MessageContactRow> = {}): MessageContactRow => ({
    contact_id: id,
    directory_id: 'rd-mc0001',
    name: `name ${id}`,
    email_address: 'ops@example.com',
    phone_number: '86-13900001234',
    title: 'Other',
    message_types: '["AccountExpenses"]',
    members: '[]',
    status: 'Verifying',
    email_verified: 0,
    phone_verified: 0,
    created_at: T0,
    deletion_due_at: null,
    verified_email_address: null,
    verified_phone_number: null,
    ...over,
  });

  describe('message contacts', () => {
    it('insert, get, list oldest first, other directories unseen', async () => {
      const s = db().store;
      await s.messageContacts.insert(row('c-b', { created_at: T0 + 1 }));
      await s.messageContacts.insert(row('c-a', { created_at: T0 + 2 }));
      await s.messageContacts.insert(row('c-x', { directory_id: 'rd-other' }));
      expect(await s.messageContacts.get('rd-mc0001', 'c-b', T0)).toEqual(row('c-b', { created_at: T0 + 1 }));
      expect(await s.messageContacts.get('rd-mc0001', 'c-x', T0)).toBeUndefined();
      expect((await s.messageContacts.list('rd-mc0001', T0)).map((r) => r.contact_id)).toEqual(['c-b', 'c-a']);
    });

    it('update changes live contacts; a due deletion hides the contact but deletionOf still reads it', async () => {
      const s = db().store;
      await s.messageContacts.insert(row('c-1'));
      expect(await s.messageContacts.update('c-1', T0, { name: 'new', status: 'Active', email_verified: 1 })).toBe(
        true,
      );
      expect(await s.messageContacts.get('rd-mc0001', 'c-1', T0)).toMatchObject({ name: 'new', email_verified: 1 });
      expect(await s.messageContacts.update('c-1', T0, { status: 'Deleting', deletion_due_at: T0 + 1000 })).toBe(true);
      expect(await s.messageContacts.get('rd-mc0001', 'c-1', T0 + 999)).toMatchObject({ status: 'Deleting' });
      expect(await s.messageContacts.get('rd-mc0001', 'c-1', T0 + 1000)).toBeUndefined();
      expect(await s.messageContacts.list('rd-mc0001', T0 + 1000)).toEqual([]);
      expect(await s.messageContacts.update('c-1', T0 + 1000, { name: 'late' })).toBe(false);
      expect(await s.messageContacts.deletionOf('rd-mc0001', 'c-1')).toMatchObject({
        name: 'new',
        deletion_due_at: T0 + 1000,
      });
    });

    it('bindings: added once (an existing one keeps its time), read in order, removed by ID', async () => {
      const s = db().store;
      const b = (contact_id: string, member_id: string, modified_at: number) => ({
        contact_id,
        member_id,
        directory_id: 'rd-mc0001',
        modified_at,
      });
      await s.messageContacts.bind([b('c-1', 'fd-b', T0), b('c-1', 'fd-a', T0), b('c-2', 'r-1', T0 + 5)]);
      await s.messageContacts.bind([b('c-1', 'fd-a', T0 + 9), b('c-1', '1000000000000009', T0 + 1)]);
      expect(await s.messageContacts.bindingsOf(['c-1', 'c-2'])).toEqual([
        b('c-1', 'fd-a', T0),
        b('c-1', 'fd-b', T0),
        b('c-1', '1000000000000009', T0 + 1),
        b('c-2', 'r-1', T0 + 5),
      ]);
      expect(await s.messageContacts.bindingsOf([])).toEqual([]);
      expect((await s.messageContacts.unbind('c-1', ['fd-a', 'fd-x'])).sort()).toEqual(['fd-a']);
      expect((await s.messageContacts.bindingsOf(['c-1'])).map((r) => r.member_id)).toEqual([
        'fd-b',
        '1000000000000009',
      ]);
    });

    it('mail inbox: newest first, filtered by address without case, cleared', async () => {
      const s = db().store;
      const m = (id: string, to: string, at: number) => ({
        id,
        to_address: to,
        subject: 's',
        text: 't',
        code: '123456',
        purpose: 'message-contact-email',
        created_at: at,
      });
      await s.mailInbox.add(m('m1', 'a@example.com', T0));
      await s.mailInbox.add(m('m2', 'b@example.com', T0 + 1));
      await s.mailInbox.add(m('m3', 'a@example.com', T0 + 2));
      expect((await s.mailInbox.list(undefined, 10)).map((r) => r.id)).toEqual(['m3', 'm2', 'm1']);
      expect(await s.mailInbox.list('A@Example.com', 1)).toEqual([m('m3', 'a@example.com', T0 + 2)]);
      await s.mailInbox.clear();
      expect(await s.mailInbox.list(undefined, 10)).toEqual([]);
    });
  });
}
