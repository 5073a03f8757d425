/**
 * Conformance, part of the store suite. Members' payers and the display-name synchronization
 * switch: defaults, upserts, self-payment clearing the record, lookups per directory.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { T0, seedDirectory } from './fixtures.js';

export function memberBillingContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('member billing', () => {
    it('the display-name switch is Disabled until set, then reads back as last set', async () => {
      const { rd } = await seedDirectory(store());
      const b = store().memberBilling;
      expect(await b.displayNameSync(rd)).toBe('Disabled');
      await b.setDisplayNameSync(rd, 'Enabled', T0);
      expect(await b.displayNameSync(rd)).toBe('Enabled');
      await b.setDisplayNameSync(rd, 'Disabled', T0 + 1);
      expect(await b.displayNameSync(rd)).toBe('Disabled');
    });

    it('payers: upsert, per directory, self-payment removes the record, paidBy lists payees', async () => {
      const { rd } = await seedDirectory(store());
      const b = store().memberBilling;
      const [x, y, z] = ['5000000000000001', '5000000000000002', '5000000000000003'];
      expect(await b.payerOf(rd, x)).toBeUndefined();
      await b.setPayer(rd, x, y, T0);
      await b.setPayer(rd, z, y, T0);
      expect(await b.payerOf(rd, x)).toBe(y);
      expect(await b.payerOf('rd-other', x)).toBeUndefined();
      expect((await b.paidBy(rd, y)).sort()).toEqual([x, z].sort());
      await b.setPayer(rd, x, z, T0 + 1);
      expect(await b.payerOf(rd, x)).toBe(z);
      await b.setPayer(rd, x, x, T0 + 2);
      expect(await b.payerOf(rd, x)).toBeUndefined();
      expect(await b.paidBy(rd, y)).toEqual([z]);
    });
  });
}
