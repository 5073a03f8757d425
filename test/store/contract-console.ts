/**
 * Conformance, part of the store suite. The console's read-only listings, in their stated order, numbers as numbers.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, account, seedDirectory } from './fixtures.js';

export function consoleContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('console listings', () => {
    it('listDirectories and foldersOf: oldest first, times as numbers', async () => {
      expect(await store().console.listDirectories()).toEqual([]);
      const a = await seedDirectory(store(), 'rd-aaaaaa');
      const b = await seedDirectory(store(), 'rd-bbbbbb');
      const dirs = await store().console.listDirectories();
      expect(dirs.map((d) => d.id)).toEqual(['rd-aaaaaa', 'rd-bbbbbb']);
      expect(dirs[0]).toEqual({
        id: a.rd,
        management_account_id: a.manager.id,
        root_folder_id: a.root,
        created_at: T0,
      });
      await store().directory.createFolder({
        id: 'fd-child00001',
        directory_id: a.rd,
        parent_id: a.root,
        name: 'child',
        created_at: T0 + 1,
      });
      expect(await store().console.foldersOf(a.rd)).toEqual([
        { id: a.root, directory_id: a.rd, parent_id: null, name: 'root', created_at: T0 },
        { id: 'fd-child00001', directory_id: a.rd, parent_id: a.root, name: 'child', created_at: T0 + 1 },
      ]);
      expect((await store().console.foldersOf(b.rd)).map((f) => f.id)).toEqual([b.root]);
      expect(await store().console.foldersOf('rd-none00')).toEqual([]);
    });

    it('listAccounts: oldest first, at most `limit`', async () => {
      const first = account({ created_at: T0, secure_mobile_phone: '+12025550123', secure_mobile_bound_at: T0 + 5 });
      const second = account({ created_at: T0 + 1 });
      await store().directory.createAccount(second);
      await store().directory.createAccount(first);
      expect(await store().console.listAccounts(10)).toEqual([first, second]);
      expect(await store().console.listAccounts(1)).toEqual([first]);
    });

    it('listGroups and membersOfGroup: by name, per account', async () => {
      const uid = '1000000000000009';
      for (const name of ['zeta', 'alpha'])
        await store().ram.insertGroup({
          id: `g-${name}`,
          account_id: uid,
          name,
          comments: name,
          created_at: T0,
          updated_at: T0,
        });
      await store().ram.insertGroup({
        id: 'g-other',
        account_id: '1000000000000008',
        name: 'beta',
        comments: '',
        created_at: T0,
        updated_at: T0,
      });
      await store().ram.addUserToGroup(uid, 'alpha', 'carol', T0);
      await store().ram.addUserToGroup(uid, 'alpha', 'bob', T0);
      expect(await store().console.listGroups(uid)).toEqual([
        { id: 'g-alpha', account_id: uid, name: 'alpha', comments: 'alpha', created_at: T0, updated_at: T0 },
        { id: 'g-zeta', account_id: uid, name: 'zeta', comments: 'zeta', created_at: T0, updated_at: T0 },
      ]);
      expect(await store().console.membersOfGroup(uid, 'alpha')).toEqual(['bob', 'carol']);
      expect(await store().console.membersOfGroup(uid, 'zeta')).toEqual([]);
    });
  });
}
