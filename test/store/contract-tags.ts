/**
 * Conformance, part of the store suite. Tags on members and folders, and delegated administrators:
 * rows read back exactly, filters, the hiding of rows of resources that left, and the locks that
 * serialize limit checks.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TagRow } from '../../src/store/tag-ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, account, member, seedDirectory } from './fixtures.js';

export function tagsContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  /** A directory with two members; their rows and the directory's ids. */
  async function world() {
    const s = store();
    const { rd, root } = await seedDirectory(s);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const a = account();
      await s.directory.createAccount(a);
      await s.directory.addMember(member({ account_id: a.id, directory_id: rd, folder_id: root }));
      ids.push(a.id);
    }
    const row = (id: string, key: string, value: string): TagRow => ({
      directory_id: rd,
      resource_type: 'Account',
      resource_id: id,
      tag_key: key,
      tag_value: value,
      created_at: T0,
    });
    return { rd, root, ids: ids as [string, string], row };
  }

  describe('Resource Directory tags', () => {
    it('put overwrites a key, tagsOf reads rows back, removeTags takes keys or everything', async () => {
      const { ids, row } = await world();
      const [a, b] = ids;
      await store().tags.putTag(row(a, 'env', 'dev'));
      await store().tags.putTag(row(a, 'env', 'prod'));
      await store().tags.putTag(row(a, 'team', ''));
      await store().tags.putTag(row(b, 'env', 'dev'));
      expect(await store().tags.tagsOf('Account', [a])).toEqual([row(a, 'env', 'prod'), row(a, 'team', '')]);
      expect(await store().tags.tagsOf('Folder', [a])).toEqual([]);
      expect(await store().tags.tagsOf('Account', [])).toEqual([]);
      expect(await store().tags.removeTags('Account', a, ['team', 'absent'])).toBe(1);
      expect(await store().tags.removeTags('Account', a, [])).toBe(0);
      expect(await store().tags.removeTags('Account', b)).toBe(1);
      expect(await store().tags.tagsOf('Account', [a, b])).toEqual([row(a, 'env', 'prod')]);
    });

    it('tagResources, tagKeys and tagValues filter, page and escape LIKE characters', async () => {
      const { rd, ids, row } = await world();
      const [a, b] = ids;
      for (const [id, k, v] of [
        [a, 'cost_centre', '100%'],
        [a, 'env', 'prod'],
        [b, 'env', 'dev'],
        [b, 'costXcentre', 'x'],
      ] as const)
        await store().tags.putTag(row(id, k, v));
      const q = { directoryId: rd, type: 'Account' as const };
      expect((await store().tags.tagResources(q, 0, 100)).map((t) => `${t.resource_id}:${t.tag_key}`)).toHaveLength(4);
      const envProd = await store().tags.tagResources({ ...q, tags: [{ key: 'env', value: 'prod' }] }, 0, 100);
      expect(envProd).toEqual([row(a, 'env', 'prod')]);
      expect(await store().tags.tagResources({ ...q, resourceIds: [b], tags: [{ key: 'env' }] }, 0, 100)).toEqual([
        row(b, 'env', 'dev'),
      ]);
      expect(await store().tags.tagKeys(rd, 'Account', undefined, 0, 100)).toEqual([
        'costXcentre',
        'cost_centre',
        'env',
      ]);
      expect(await store().tags.tagKeys(rd, 'Account', '_C', 0, 100)).toEqual(['cost_centre']);
      expect(await store().tags.tagKeys(rd, 'Account', undefined, 1, 1)).toEqual(['cost_centre']);
      expect(await store().tags.tagValues(rd, 'Account', 'env', undefined, 0, 100)).toEqual(['dev', 'prod']);
      expect(await store().tags.tagValues(rd, 'Account', 'cost_centre', '%', 0, 100)).toEqual(['100%']);
      expect(await store().tags.tagKeys(rd, 'Folder', undefined, 0, 100)).toEqual([]);
    });

    it('rows of a member that left are not listed; lockResource finds only existing rows', async () => {
      const { rd, ids, row, root } = await world();
      const [a] = ids;
      await store().tags.putTag(row(a, 'gone', 'soon'));
      expect(await store().tags.lockResource('Account', a)).toBe(true);
      expect(await store().tags.lockResource('Folder', root)).toBe(true);
      expect(await store().tags.lockResource('Account', '2999999999999999')).toBe(false);
      expect(await store().tags.lockResource('Folder', 'fd-nosuch0000')).toBe(false);
      await store().lifecycle.removeMember(a, rd);
      expect(await store().tags.tagKeys(rd, 'Account', 'gone', 0, 10)).toEqual([]);
      expect(await store().tags.tagsOf('Account', [a])).toEqual([]);
    });
  });

  describe('delegated administrators', () => {
    it('add once, list current members only, enabled services since the earliest delegation', async () => {
      const { rd, ids } = await world();
      const [a, b] = ids;
      const d = (account_id: string, service_principal: string, enabled_at: number) => ({
        directory_id: rd,
        service_principal,
        account_id,
        enabled_at,
      });
      expect(await store().delegation.addDelegation(d(a, 'config.aliyuncs.com', T0 + 2))).toBe(true);
      expect(await store().delegation.addDelegation(d(a, 'config.aliyuncs.com', T0 + 3))).toBe(false);
      expect(await store().delegation.addDelegation(d(b, 'config.aliyuncs.com', T0 + 1))).toBe(true);
      expect(await store().delegation.addDelegation(d(b, 'cms.aliyuncs.com', T0 + 5))).toBe(true);
      expect(await store().delegation.delegations(rd, 'config.aliyuncs.com')).toEqual([
        d(b, 'config.aliyuncs.com', T0 + 1),
        d(a, 'config.aliyuncs.com', T0 + 2),
      ]);
      expect(await store().delegation.enabledServices(rd)).toEqual([
        { service_principal: 'cms.aliyuncs.com', enabled_at: T0 + 5 },
        { service_principal: 'config.aliyuncs.com', enabled_at: T0 + 1 },
      ]);
      expect(await store().delegation.enabledServices(rd, a)).toEqual([
        { service_principal: 'config.aliyuncs.com', enabled_at: T0 + 2 },
      ]);
      expect(await store().delegation.removeDelegation(rd, 'cms.aliyuncs.com', a)).toBe(false);
      await store().lifecycle.removeMember(b, rd);
      expect(await store().delegation.delegations(rd)).toEqual([d(a, 'config.aliyuncs.com', T0 + 2)]);
      expect(await store().delegation.removeDelegation(rd, 'config.aliyuncs.com', a)).toBe(true);
      expect(await store().delegation.enabledServices(rd)).toEqual([]);
      await store().delegation.lockDirectory(rd);
    });

    it('administeredDirectory: the directory of a current delegation of a current member only', async () => {
      const { rd, ids } = await world();
      const [a, b] = ids;
      const outsider = account();
      await store().directory.createAccount(outsider);
      const d = (account_id: string, service_principal: string) => ({
        directory_id: rd,
        service_principal,
        account_id,
        enabled_at: T0,
      });
      expect(await store().delegation.administeredDirectory(a)).toBeUndefined();
      await store().delegation.addDelegation(d(a, 'config.aliyuncs.com'));
      await store().delegation.addDelegation(d(a, 'cms.aliyuncs.com'));
      expect(await store().delegation.administeredDirectory(a)).toEqual(await store().directory.getDirectory(rd));
      expect(await store().delegation.administeredDirectory(b)).toBeUndefined();
      // A row of an account that is not a member of the directory grants nothing.
      await store().delegation.addDelegation(d(outsider.id, 'config.aliyuncs.com'));
      expect(await store().delegation.administeredDirectory(outsider.id)).toBeUndefined();
      await store().delegation.removeDelegation(rd, 'config.aliyuncs.com', a);
      expect((await store().delegation.administeredDirectory(a))?.id).toBe(rd);
      await store().delegation.removeDelegation(rd, 'cms.aliyuncs.com', a);
      expect(await store().delegation.administeredDirectory(a)).toBeUndefined();
    });
  });
}
