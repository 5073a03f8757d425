/** Conformance, part of the store suite: the RAM/STS primitives of store/ram-ports.ts. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0 } from './fixtures.js';

const UID = '1000000000000001';

export function ramContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;
  const user = (name: string) => ({ id: `u-${name}`, account_id: UID, name, display_name: name, created_at: T0 });

  describe('ram', () => {
    it('insertUser once; rename moves keys, attachments and groups; delete', async () => {
      expect(await store().ram.insertUser(user('a'))).toBe(true);
      expect(await store().ram.insertUser(user('a'))).toBe(false);
      expect(await store().ram.insertUser(user('b'))).toBe(true);
      await store().identity.createAccessKey({
        id: 'LTAIk1',
        account_id: UID,
        user_name: 'a',
        secret_enc: 'v1.x',
        status: 'Active',
        created_at: T0,
      });
      expect(
        await store().ram.attach({
          account_id: UID,
          principal_type: 'User',
          principal_name: 'a',
          policy_type: 'System',
          policy_name: 'P',
          attached_at: T0,
        }),
      ).toBe(true);
      expect(
        await store().ram.attach({
          account_id: UID,
          principal_type: 'User',
          principal_name: 'a',
          policy_type: 'System',
          policy_name: 'P',
          attached_at: T0,
        }),
      ).toBe(false);
      await store().ram.insertGroup({
        id: 'g1',
        account_id: UID,
        name: 'g',
        comments: '',
        created_at: T0,
        updated_at: T0,
      });
      expect(await store().ram.addUserToGroup(UID, 'g', 'a', T0)).toBe(true);
      expect(await store().ram.addUserToGroup(UID, 'g', 'a', T0)).toBe(false);
      expect(await store().ram.updateUser(UID, 'a', { name: 'b' }, T0 + 1)).toBe(false);
      expect(await store().ram.updateUser(UID, 'a', { name: 'c', comments: 'hi' }, T0 + 1)).toBe(true);
      expect(await store().identity.getUser(UID, 'c')).toMatchObject({ comments: 'hi', updated_at: T0 + 1 });
      expect((await store().identity.getAccessKey('LTAIk1'))?.user_name).toBe('c');
      expect((await store().ram.attachmentsOf(UID, 'User', 'c')).map((x) => x.policy_name)).toEqual(['P']);
      expect(await store().ram.groupsOfUser(UID, 'c')).toEqual(['g']);
      expect(await store().ram.deleteUser(UID, 'c')).toBe(true);
      expect(await store().ram.deleteUser(UID, 'c')).toBe(false);
      expect((await store().ram.listUsers(UID)).map((u) => u.name)).toEqual(['b']);
    });

    it('groups: rename moves members and attachments; delete refuses while used', async () => {
      const g = (id: string, name: string) => ({
        id,
        account_id: UID,
        name,
        comments: '',
        created_at: T0,
        updated_at: T0,
      });
      await store().identity.createUser({ id: 'ug', account_id: UID, name: 'gu', display_name: 'G U', created_at: T0 });
      expect(await store().ram.insertGroup(g('g2', 'team'))).toBe(true);
      expect(await store().ram.insertGroup(g('g3', 'other'))).toBe(true);
      await store().ram.addUserToGroup(UID, 'team', 'gu', T0 + 5);
      const link = {
        account_id: UID,
        principal_type: 'Group' as const,
        principal_name: 'team',
        policy_type: 'System' as const,
        policy_name: 'P',
      };
      expect(await store().ram.attach({ ...link, attached_at: T0 })).toBe(true);
      expect(await store().ram.updateGroup(UID, 'team', { name: 'other' }, T0 + 1)).toBe('taken');
      expect(await store().ram.updateGroup(UID, 'ghost', { comments: 'x' }, T0 + 1)).toBe('missing');
      expect(await store().ram.updateGroup(UID, 'team', { name: 'crew', comments: 'c' }, T0 + 2)).toBe('ok');
      expect(await store().ram.getGroup(UID, 'crew')).toMatchObject({ id: 'g2', comments: 'c', updated_at: T0 + 2 });
      expect(await store().ram.membersOfGroup(UID, 'crew')).toEqual([
        { userName: 'gu', displayName: 'G U', joinedAt: T0 + 5 },
      ]);
      expect((await store().ram.membershipsOfUser(UID, 'gu')).map((m) => [m.group.name, m.joinedAt])).toEqual([
        ['crew', T0 + 5],
      ]);
      expect((await store().ram.attachmentsOf(UID, 'Group', 'crew')).map((a) => a.policy_name)).toEqual(['P']);
      expect((await store().ram.listGroups(UID)).map((x) => x.name)).toEqual(['crew', 'other']);
      expect(await store().ram.deleteGroup(UID, 'crew')).toBe('has-users');
      expect(await store().ram.removeUserFromGroup(UID, 'crew', 'gu')).toBe(true);
      expect(await store().ram.removeUserFromGroup(UID, 'crew', 'gu')).toBe(false);
      expect(await store().ram.deleteGroup(UID, 'crew')).toBe('has-policies');
      expect(await store().ram.detach({ ...link, principal_name: 'crew' })).toBe(true);
      expect(await store().ram.deleteGroup(UID, 'crew')).toBe('ok');
      expect(await store().ram.deleteGroup(UID, 'crew')).toBe('missing');
    });

    it('roles are unique case-insensitively', async () => {
      const role = {
        id: 'r1',
        account_id: UID,
        name: 'Ops',
        name_lc: 'ops',
        description: '',
        trust_policy: '{}',
        max_session_duration: 3600,
        created_at: T0,
        updated_at: T0,
      };
      expect(await store().ram.insertRole(role)).toBe(true);
      expect(await store().ram.insertRole({ ...role, id: 'r2', name: 'OPS' })).toBe(false);
      expect((await store().ram.getRole(UID, 'oPs'))?.max_session_duration).toBe(3600);
      expect(await store().ram.deleteRole(UID, 'OPS')).toBe(true);
    });

    it('policy versions: claimNextVersion hands out each number once, also concurrently', async () => {
      const p = {
        account_id: UID,
        name: 'p',
        description: '',
        default_version: 'v1',
        next_version: 2,
        created_at: T0,
        updated_at: T0,
      };
      expect(
        await store().ram.insertPolicy(p, {
          account_id: UID,
          policy_name: 'p',
          version_id: 'v1',
          document: '{}',
          created_at: T0,
        }),
      ).toBe(true);
      expect(
        await store().ram.insertPolicy(p, {
          account_id: UID,
          policy_name: 'p',
          version_id: 'v1',
          document: '{}',
          created_at: T0,
        }),
      ).toBe(false);
      const other = await db().connect();
      const got = await Promise.all([
        store().ram.claimNextVersion(UID, 'p', T0),
        other.ram.claimNextVersion(UID, 'p', T0),
        store().ram.claimNextVersion(UID, 'p', T0),
      ]);
      expect(got.sort()).toEqual([2, 3, 4]);
      expect(await store().ram.claimNextVersion(UID, 'nope', T0)).toBeUndefined();
      expect(await store().ram.deletePolicy(UID, 'p')).toBe(true);
      expect(await store().ram.listPolicyVersions(UID, 'p')).toEqual([]);
    });

    it('STS sessions: stored with numbers, purged once expired', async () => {
      const s = {
        access_key_id: 'STS.x',
        account_id: UID,
        role_id: 'r',
        role_name: 'Ops',
        session_name: 's',
        secret_enc: 'v1.y',
        token_hash: 'ab',
        session_policy: null,
        source_arn: 'acs:ram::1:user/u',
        created_at: T0,
        expires_at: T0 + 900_000,
      };
      await store().ram.insertSession(s);
      expect(await store().ram.getSession('STS.x')).toEqual(s);
      expect(await store().ram.purgeExpiredSessions(T0 + 900_000)).toBe(0);
      expect(await store().ram.purgeExpiredSessions(T0 + 900_001)).toBe(1);
      expect(await store().ram.getSession('STS.x')).toBeUndefined();
    });
  });
}

/**
 * Transaction races through one store (two in-process better-sqlite3 connections would block each
 * other's event loop, as races.ts explains for its own transaction races): the limits hold.
 */
export function ramRaces(db: () => TestDatabase): void {
  describe('ram races', () => {
    it('concurrent CreateAccessKey never exceeds two keys', async () => {
      const { UserService } = await import('../../src/domain/ram/users.js');
      const { keyringFrom } = await import('../../src/lib/keyring.js');
      const keyring = keyringFrom(Buffer.alloc(32, 7));
      const clock = { now: () => T0 };
      const a = new UserService(db().store, clock, keyring);
      await db().store.ram.insertUser({
        id: 'u1',
        account_id: UID,
        name: 'racer',
        display_name: 'racer',
        created_at: T0,
      });
      const results = await Promise.all(Array.from({ length: 8 }, (_, _i) => a.createKey(UID, 'racer')));
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(
        Array(6).fill('LimitExceeded.User.AccessKey'),
      );
      expect(await db().store.ram.listAccessKeys(UID, 'racer')).toHaveLength(2);
    });

    it('concurrent CreatePolicyVersion never exceeds five versions', async () => {
      const { PolicyService } = await import('../../src/domain/ram/policies.js');
      const svc = new PolicyService(db().store, { now: () => T0 });
      const doc = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
      expect((await svc.create(UID, 'raced', doc, '')).ok).toBe(true);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => svc.createVersion(UID, 'raced', doc, false, false)),
      );
      expect(
        results
          .filter((r) => r.ok)
          .map((r) => (r.ok ? r.value.version_id : ''))
          .sort(),
      ).toEqual(['v2', 'v3', 'v4', 'v5']);
      expect(await db().store.ram.listPolicyVersions(UID, 'raced')).toHaveLength(5);
    });
  });
}
