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
  });
}
