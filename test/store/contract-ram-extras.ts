/** Conformance, part of the store suite: RAM MFA devices, security preferences, key use, tags (ram-extras-ports.ts). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0 } from './fixtures.js';

const UID = '1000000000000002';

export function ramExtrasContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;
  const device = (name: string) => ({
    serial_number: `acs:ram::${UID}:mfa/${name}`,
    account_id: UID,
    seed_enc: 'v1.sealed',
    user_id: null,
    last_step: null,
    activated_at: null,
    created_at: T0,
  });

  describe('ram extras', () => {
    it('MFA devices: insert once, bind once per device and per user, unbind, delete', async () => {
      const x = store().ramExtras;
      expect(await x.insertMfaDevice(device('d1'))).toBe(true);
      expect(await x.insertMfaDevice(device('d1'))).toBe(false);
      expect(await x.insertMfaDevice(device('d2'))).toBe(true);
      const s1 = device('d1').serial_number;
      const s2 = device('d2').serial_number;
      expect(await x.bindMfaDevice(s1, 'u-1', 123, T0 + 1)).toBe(true);
      expect(await x.bindMfaDevice(s1, 'u-2', 124, T0 + 2)).toBe(false); // device taken
      expect(await x.bindMfaDevice(s2, 'u-1', 124, T0 + 2)).toBe(false); // user has one
      expect(await x.getMfaDevice(s1)).toMatchObject({ user_id: 'u-1', last_step: 123, activated_at: T0 + 1 });
      expect((await x.mfaDeviceOfUser('u-1'))?.serial_number).toBe(s1);
      expect((await x.listMfaDevices(UID)).map((d) => d.serial_number)).toEqual([s1, s2]);
      expect(await x.unbindMfaDevice(s1)).toBe(true);
      expect(await x.unbindMfaDevice(s1)).toBe(false);
      expect(await x.bindMfaDevice(s2, 'u-1', 125, T0 + 3)).toBe(true);
      expect(await x.deleteMfaDevice(s1)).toBe(true);
      expect(await x.deleteMfaDevice(s1)).toBe(false);
    });

    it('concurrent binds of one user to two devices: one wins', async () => {
      const x = store().ramExtras;
      await x.insertMfaDevice(device('r1'));
      await x.insertMfaDevice(device('r2'));
      const won = await Promise.all(['r1', 'r2'].map((n) => x.bindMfaDevice(device(n).serial_number, 'u-race', 1, T0)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('security preference and key use: upserts; a later use is never replaced by an earlier one', async () => {
      const x = store().ramExtras;
      expect(await x.getSecurityPreference(UID)).toBeNull();
      await x.setSecurityPreference(UID, '{"a":1}', T0);
      await x.setSecurityPreference(UID, '{"a":2}', T0 + 1);
      expect(await x.getSecurityPreference(UID)).toBe('{"a":2}');
      expect(await x.keyLastUsed('LTAIuse')).toBeUndefined();
      await x.recordKeyUses([['LTAIuse', T0 + 10]]);
      await x.recordKeyUses([['LTAIuse', T0 + 5]]);
      expect(await x.keyLastUsed('LTAIuse')).toBe(T0 + 10);
      await x.recordKeyUses([['LTAIuse', T0 + 20]]);
      expect(await x.keyLastUsed('LTAIuse')).toBe(T0 + 20);
    });

    it('tags: put overwrites, list by resource and key, remove by key and all', async () => {
      const x = store().ramExtras;
      await x.putTags(
        UID,
        'role',
        ['r-1', 'r-2'],
        [
          { key: 'b', value: '1' },
          { key: 'a', value: '2' },
        ],
        T0,
      );
      await x.putTags(UID, 'role', ['r-1'], [{ key: 'b', value: '3' }], T0);
      await x.putTags(UID, 'policy', ['p@1'], [{ key: 'a', value: '4' }], T0);
      const rows = (await x.listTags(UID, 'role')).map((t) => [t.resource_id, t.tag_key, t.tag_value]);
      expect(rows).toEqual([
        ['r-1', 'a', '2'],
        ['r-1', 'b', '3'],
        ['r-2', 'a', '2'],
        ['r-2', 'b', '1'],
      ]);
      expect(await x.listTags(UID, 'role', [])).toEqual([]);
      await x.removeTags(UID, 'role', ['r-1'], ['b']);
      await x.removeTags(UID, 'role', ['r-2'], 'all');
      expect((await x.listTags(UID, 'role')).map((t) => t.tag_key)).toEqual(['a']);
      expect((await x.listTags(UID, 'policy', ['p@1'])).map((t) => t.tag_value)).toEqual(['4']);
    });
  });
}
