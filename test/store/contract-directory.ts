/**
 * Conformance, part of the store suite. The directory and identity ports: accounts, directories, folders, members, RAM
 * users, keys, policies.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { Dialect, TestDatabase } from './dialects.js';
import { T0, account, accountId, member, seedDirectory } from './fixtures.js';

export function directoryContract(d: Dialect, db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('store', () => {
    it('names its dialect and answers ping', async () => {
      expect(store().dialect).toBe(d.name);
      expect(await store().ping()).toBe(true);
    });
  });

  describe('directory', () => {
    it('createAccount stores the account; getAccount reads it back exactly', async () => {
      const a = account({ secure_mobile_phone: null });
      expect(await store().directory.createAccount(a)).toBe(true);
      expect(await store().directory.getAccount(a.id)).toEqual(a);
      expect(await store().directory.getAccount(accountId())).toBeUndefined();
    });

    it('createAccount is false and writes nothing on a duplicate ID or account name', async () => {
      const a = account();
      expect(await store().directory.createAccount(a)).toBe(true);
      expect(
        await store().directory.createAccount({
          ...a,
          account_name: 'other@rd-test.aliyunid.com',
          display_name: 'other',
        }),
      ).toBe(false);
      expect(await store().directory.getAccount(a.id)).toEqual(a);
      const b = account({ account_name: a.account_name });
      expect(await store().directory.createAccount(b)).toBe(false);
      expect(await store().directory.getAccount(b.id)).toBeUndefined();
    });

    it('creates and reads directories (by ID and by manager) and folders', async () => {
      const { manager, rd, root } = await seedDirectory(store());
      const dir = { id: rd, management_account_id: manager.id, root_folder_id: root, created_at: T0 };
      expect(await store().directory.getDirectory(rd)).toEqual(dir);
      expect(await store().directory.directoryOfManager(manager.id)).toEqual(dir);
      expect(await store().directory.getDirectory('rd-nope00')).toBeUndefined();
      expect(await store().directory.directoryOfManager(accountId())).toBeUndefined();

      const child = { id: 'fd-AbCdEf1234', directory_id: rd, parent_id: root, name: 'apps', created_at: T0 + 1 };
      await store().directory.createFolder(child);
      expect(await store().directory.getFolder(root)).toEqual({
        id: root,
        directory_id: rd,
        parent_id: null,
        name: 'root',
        created_at: T0,
      });
      expect(await store().directory.getFolder(child.id)).toEqual(child);
      expect(await store().directory.getFolder('fd-missing00')).toBeUndefined();
    });

    it('addMember joins a member; getMember returns it with its account', async () => {
      const { rd, root } = await seedDirectory(store());
      const a = account();
      await store().directory.createAccount(a);
      const m = member({
        account_id: a.id,
        directory_id: rd,
        folder_id: root,
        display_name: 'alpha',
        join_time: T0 + 5,
        modify_time: T0 + 6,
      });
      expect(await store().directory.addMember(m)).toBe(true);
      expect(await store().directory.getMember(a.id)).toEqual({ ...m, account: a });
      expect(await store().directory.getMember(accountId())).toBeUndefined();
    });

    it('addMember is false, writing nothing, for a member already or a display name used there', async () => {
      const one = await seedDirectory(store());
      const two = await seedDirectory(store());
      const [a, b, c] = [account(), account(), account()];
      for (const x of [a, b, c]) await store().directory.createAccount(x);
      const m = member({ account_id: a.id, directory_id: one.rd, folder_id: one.root, display_name: 'alpha' });
      expect(await store().directory.addMember(m)).toBe(true);
      expect(await store().directory.addMember({ ...m, display_name: 'beta' })).toBe(false);
      expect((await store().directory.getMember(a.id))?.display_name).toBe('alpha');
      expect(
        await store().directory.addMember(
          member({ account_id: b.id, directory_id: one.rd, folder_id: one.root, display_name: 'alpha' }),
        ),
      ).toBe(false);
      expect(await store().directory.getMember(b.id)).toBeUndefined();
      // The display name is unique per directory only.
      expect(
        await store().directory.addMember(
          member({ account_id: c.id, directory_id: two.rd, folder_id: two.root, display_name: 'alpha' }),
        ),
      ).toBe(true);
    });

    it('listMembers pages members of one directory by join time then account ID, with the total', async () => {
      const { rd, root } = await seedDirectory(store());
      const other = await seedDirectory(store());
      const joins = [T0 + 30, T0 + 10, T0 + 20, T0 + 10, T0 + 40];
      const ids: string[] = [];
      for (const [i, t] of joins.entries()) {
        const a = account();
        ids.push(a.id);
        await store().directory.createAccount(a);
        await store().directory.addMember(
          member({ account_id: a.id, directory_id: rd, folder_id: root, display_name: `m${i}`, join_time: t }),
        );
      }
      const stranger = account();
      await store().directory.createAccount(stranger);
      await store().directory.addMember(
        member({ account_id: stranger.id, directory_id: other.rd, folder_id: other.root, join_time: T0 }),
      );

      const expected = ids
        .map((id, i) => ({ id, t: joins[i]! }))
        .sort((x, y) => x.t - y.t || (x.id < y.id ? -1 : 1))
        .map((x) => x.id);
      const page = async (offset: number, limit: number) => {
        const r = await store().directory.listMembers(rd, offset, limit);
        return { total: r.total, ids: r.members.map((m) => m.account_id) };
      };
      expect(await page(0, 2)).toEqual({ total: 5, ids: expected.slice(0, 2) });
      expect(await page(2, 2)).toEqual({ total: 5, ids: expected.slice(2, 4) });
      expect(await page(4, 2)).toEqual({ total: 5, ids: expected.slice(4) });
      expect(await page(10, 2)).toEqual({ total: 5, ids: [] });
      expect(await page(0, 100)).toEqual({ total: 5, ids: expected });
      const first = (await store().directory.listMembers(rd, 0, 1)).members[0]!;
      expect(first.account.id).toBe(first.account_id);
      expect(await store().directory.listMembers('rd-empty0', 0, 10)).toEqual({ total: 0, members: [] });
    });

    it('bindSecurePhone binds once; later calls are false and change nothing', async () => {
      const a = account();
      await store().directory.createAccount(a);
      expect(await store().directory.bindSecurePhone(a.id, '+12025550101', T0 + 1)).toBe(true);
      expect(await store().directory.getAccount(a.id)).toEqual({
        ...a,
        secure_mobile_phone: '+12025550101',
        secure_mobile_bound_at: T0 + 1,
      });
      expect(await store().directory.bindSecurePhone(a.id, '+6591230000', T0 + 2)).toBe(false);
      expect(await store().directory.getAccount(a.id)).toEqual({
        ...a,
        secure_mobile_phone: '+12025550101',
        secure_mobile_bound_at: T0 + 1,
      });
      expect(await store().directory.bindSecurePhone(accountId(), '+12025550101', T0)).toBe(false);
    });
  });

  describe('identity', () => {
    it('createUser and getUser, scoped to the account', async () => {
      const u = {
        id: '3000000000000001',
        account_id: '1000000000000001',
        name: 'rd-admin',
        display_name: 'Admin',
        created_at: T0,
      };
      await store().identity.createUser(u);
      expect(await store().identity.getUser(u.account_id, 'rd-admin')).toMatchObject(u);
      expect(await store().identity.getUser('1000000000000002', 'rd-admin')).toBeUndefined();
      expect(await store().identity.getUser(u.account_id, 'nobody')).toBeUndefined();
    });

    it('createAccessKey and getAccessKey, for root and user keys', async () => {
      const rootKey = {
        id: 'LTAI5tRootKey0000000001',
        account_id: '1000000000000001',
        user_name: null,
        secret_enc: 'sealed-1',
        status: 'Active' as const,
        created_at: T0,
      };
      const userKey = {
        ...rootKey,
        id: 'LTAI5tUserKey0000000001',
        user_name: 'rd-admin',
        secret_enc: 'sealed-2',
        status: 'Inactive' as const,
      };
      await store().identity.createAccessKey(rootKey);
      await store().identity.createAccessKey(userKey);
      expect(await store().identity.getAccessKey(rootKey.id)).toEqual(rootKey);
      expect(await store().identity.getAccessKey(userKey.id)).toEqual(userKey);
      expect(await store().identity.getAccessKey('LTAI5tMissing')).toBeUndefined();
    });
  });
}
