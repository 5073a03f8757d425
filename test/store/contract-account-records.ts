/** Conformance, part of the store suite. The e-mail confirmation records and the writes they carry out. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { AccountRecord } from '../../src/store/account-record-ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, account, member, seedDirectory } from './fixtures.js';

const record = (over: Partial<AccountRecord> & Pick<AccountRecord, 'account_id'>): AccountRecord => ({
  record_id: randomUUID(),
  kind: 'ChangeEmail',
  directory_id: 'rd-any000',
  email: `to-${over.account_id}@example.com`,
  status: 'Pending',
  sent_at: T0,
  confirm_at: T0 + 5_000,
  expires_at: T0 + 60_000,
  created_at: T0,
  modified_at: T0,
  ...over,
});

export function accountRecordsContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('account records', () => {
    it('insert, get, latest and latestOf read records back exactly; one Pending record per account', async () => {
      const a = account();
      const first = record({ account_id: a.id });
      expect(await store().accountRecords.insert(first)).toBe(true);
      expect(await store().accountRecords.get(first.record_id)).toEqual(first);
      expect(await store().accountRecords.insert(record({ account_id: a.id, kind: 'PromoteResourceAccount' }))).toBe(
        false,
      );
      expect(await store().accountRecords.settle(first.record_id, 'Cancelled', T0 + 1)).toBe(true);
      const second = record({ account_id: a.id, created_at: T0 + 2 });
      expect(await store().accountRecords.insert(second)).toBe(true);
      expect(await store().accountRecords.latest(a.id, 'ChangeEmail')).toEqual(second);
      expect(await store().accountRecords.latest(a.id, 'CreateCloudAccount')).toBeUndefined();
      const other = account();
      const third = record({ account_id: other.id });
      await store().accountRecords.insert(third);
      const latest = await store().accountRecords.latestOf([a.id, other.id, '2999999999999999'], 'ChangeEmail');
      expect([...latest.entries()].sort()).toEqual(
        [
          [a.id, second],
          [other.id, third],
        ].sort(),
      );
      expect(await store().accountRecords.get(randomUUID())).toBeUndefined();
    });

    it('settle moves only a Pending record, once', async () => {
      const r = record({ account_id: account().id });
      await store().accountRecords.insert(r);
      const results = await Promise.all(
        (['Done', 'Cancelled', 'Expired'] as const).map((to) => store().accountRecords.settle(r.record_id, to, T0 + 9)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().accountRecords.settle(r.record_id, 'Done', T0 + 10)).toBe(false);
    });

    it('resend reopens a Pending or Expired record unless the account has another Pending one', async () => {
      const id = account().id;
      const r = record({ account_id: id });
      await store().accountRecords.insert(r);
      const times = { sent_at: T0 + 100, confirm_at: null, expires_at: T0 + 200 };
      expect(await store().accountRecords.resend(r.record_id, times, T0 + 100)).toBe(true);
      expect(await store().accountRecords.get(r.record_id)).toMatchObject({ ...times, status: 'Pending' });
      await store().accountRecords.settle(r.record_id, 'Expired', T0 + 300);
      const newer = record({ account_id: id, created_at: T0 + 301 });
      await store().accountRecords.insert(newer);
      expect(await store().accountRecords.resend(r.record_id, times, T0 + 302)).toBe(false);
      await store().accountRecords.settle(newer.record_id, 'Cancelled', T0 + 303);
      expect(await store().accountRecords.resend(newer.record_id, times, T0 + 304)).toBe(false);
      expect(await store().accountRecords.resend(r.record_id, times, T0 + 305)).toBe(true);
    });

    it('due lists Pending records whose confirmation or expiry came', async () => {
      const confirmDue = record({ account_id: account().id, confirm_at: T0 + 10, expires_at: T0 + 1_000 });
      const expiryDue = record({ account_id: account().id, confirm_at: null, expires_at: T0 + 20 });
      const later = record({ account_id: account().id, confirm_at: T0 + 500, expires_at: T0 + 1_000 });
      for (const r of [confirmDue, expiryDue, later]) await store().accountRecords.insert(r);
      const due = (await store().accountRecords.due(T0 + 100, 100)).map((r) => r.record_id);
      expect(due).toEqual(expect.arrayContaining([confirmDue.record_id, expiryDue.record_id]));
      expect(due).not.toContain(later.record_id);
    });

    it('rename refuses a name another account has (without case); nameTaken agrees', async () => {
      const a = account();
      const b = account();
      await store().directory.createAccount(a);
      await store().directory.createAccount(b);
      expect(await store().accountRecords.nameTaken(a.account_name.toUpperCase())).toBe(true);
      expect(await store().accountRecords.rename(b.id, a.account_name.toUpperCase())).toBe(false);
      expect(await store().accountRecords.rename(b.id, 'fresh@example.com')).toBe(true);
      expect((await store().directory.getAccount(b.id))?.account_name).toBe('fresh@example.com');
      expect(await store().accountRecords.nameTaken(b.account_name)).toBe(false);
    });

    it('setMemberState is guarded by the current status; dropUnconfirmed removes member and account', async () => {
      const { rd, root } = await seedDirectory(store());
      const a = account();
      await store().directory.createAccount(a);
      await store().directory.addMember(member({ account_id: a.id, directory_id: rd, folder_id: root }));
      const to = { status: 'PromoteSuccess', type: 'CloudAccount' as const };
      expect(await store().accountRecords.setMemberState(a.id, 'PromoteVerifying', to, T0 + 1)).toBe(false);
      expect(await store().accountRecords.setMemberState(a.id, 'CreateSuccess', to, T0 + 1)).toBe(true);
      expect(await store().directory.getMember(a.id)).toMatchObject({ ...to, modify_time: T0 + 1 });
      await store().accountRecords.dropUnconfirmed(a.id);
      expect(await store().directory.getMember(a.id)).toBeUndefined();
      expect(await store().directory.getAccount(a.id)).toBeUndefined();
    });
  });
}
