/**
 * Conformance, part of the store suite. The verification ports: codes, send limits and cooldowns, request nonces, meta.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, accountId, code } from './fixtures.js';

export function verificationContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('codes', () => {
    it('takeAttempt counts attempts up to max_attempts, then finds no live code', async () => {
      const c = code({ account_id: accountId(), max_attempts: 3 });
      await store().codes.insert(c);
      for (const n of [1, 2, 3]) {
        expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + n)).toEqual({
          id: c.id,
          phone: c.phone,
          codeMac: c.code_mac,
          attempts: n,
          maxAttempts: 3,
          createdAt: c.created_at,
        });
      }
      expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 4)).toBeUndefined();
    });

    it('takeAttempt picks the newest live code and only of that purpose and account', async () => {
      const acct = accountId();
      const older = code({ account_id: acct, created_at: T0 });
      const newer = code({ account_id: acct, created_at: T0 + 1000, phone: '+6591230000' });
      await store().codes.insert(newer);
      await store().codes.insert(older);
      expect((await store().codes.takeAttempt(PURPOSE, acct, T0 + 2000))?.id).toBe(newer.id);
      expect(await store().codes.takeAttempt('other-purpose', acct, T0 + 2000)).toBeUndefined();
      expect(await store().codes.takeAttempt(PURPOSE, accountId(), T0 + 2000)).toBeUndefined();
    });

    it('takeAttempt: a code is expired from expires_at on (expires_at > now, strictly), counting nothing', async () => {
      const c = code({ account_id: accountId(), expires_at: T0 + 600_000 });
      await store().codes.insert(c);
      expect((await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 599_999))?.attempts).toBe(1);
      expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 600_000)).toBeUndefined();
      expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 700_000)).toBeUndefined();
      // The refused calls did not count: the next attempt (earlier clock) is the second.
      expect((await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 599_999))?.attempts).toBe(2);
    });

    it('supersede retires every live code of (purpose, account) and nothing else', async () => {
      const acct = accountId();
      const other = accountId();
      const [c1, c2] = [code({ account_id: acct, created_at: T0 }), code({ account_id: acct, created_at: T0 + 1 })];
      const theirs = code({ account_id: other });
      const otherPurpose = code({ account_id: acct, purpose: 'another-purpose' });
      for (const c of [c1, c2, theirs, otherPurpose]) await store().codes.insert(c);
      await store().codes.supersede(PURPOSE, acct, T0 + 10);
      expect(await store().codes.takeAttempt(PURPOSE, acct, T0 + 20)).toBeUndefined();
      expect(await store().codes.consume(c1.id, T0 + 20)).toBe(false);
      expect(await store().codes.consume(c2.id, T0 + 20)).toBe(false);
      expect((await store().codes.takeAttempt(PURPOSE, other, T0 + 20))?.id).toBe(theirs.id);
      expect((await store().codes.takeAttempt('another-purpose', acct, T0 + 20))?.id).toBe(otherPurpose.id);
      // A code inserted after the supersede (the Send pattern) is live.
      const fresh = code({ account_id: acct, created_at: T0 + 10 });
      await store().codes.insert(fresh);
      expect((await store().codes.takeAttempt(PURPOSE, acct, T0 + 20))?.id).toBe(fresh.id);
    });

    it('consume succeeds exactly once; a consumed code is no longer live', async () => {
      const c = code({ account_id: accountId() });
      await store().codes.insert(c);
      expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 1)).toBeDefined();
      expect(await store().codes.consume(c.id, T0 + 2)).toBe(true);
      expect(await store().codes.consume(c.id, T0 + 3)).toBe(false);
      expect(await store().codes.takeAttempt(PURPOSE, c.account_id, T0 + 4)).toBeUndefined();
      expect(await store().codes.consume('code-unknown', T0)).toBe(false);
    });
  });

  describe('limits', () => {
    it('increment counts up to the limit, then returns undefined and changes nothing', async () => {
      const l = store().limits;
      expect([
        await l.increment('member-day', 'm1', T0, 3),
        await l.increment('member-day', 'm1', T0, 3),
        await l.increment('member-day', 'm1', T0, 3),
      ]).toEqual([1, 2, 3]);
      expect(await l.increment('member-day', 'm1', T0, 3)).toBeUndefined();
      expect(await l.increment('member-day', 'm1', T0, 3)).toBeUndefined();
      // The refused calls wrote nothing: with a higher limit the count goes on from 3.
      expect(await l.increment('member-day', 'm1', T0, 5)).toBe(4);
      expect(await l.increment('member-day', 'm1', T0, 0)).toBeUndefined();
    });

    it('increment keeps one counter per (scope, subject, window)', async () => {
      const l = store().limits;
      await l.increment('member-day', 'm1', T0, 1);
      expect(await l.increment('member-day', 'm1', T0, 1)).toBeUndefined();
      expect(await l.increment('member-day', 'm1', T0 + 86_400_000, 1)).toBe(1);
      expect(await l.increment('member-day', 'm2', T0, 1)).toBe(1);
      expect(await l.increment('management-day', 'm1', T0, 1)).toBe(1);
      expect(await l.increment('member-day', 'm1', T0, 0)).toBeUndefined();
      expect(await l.increment('new-scope', 'x', T0, 0)).toBeUndefined();
    });
  });

  describe('nonces', () => {
    it('claim is true once per (AccessKey, nonce); purgeExpired drops entries with expires_at < now', async () => {
      const n = store().nonces;
      expect(await n.claim('LTAI5tA', 'n1', T0 + 900_000)).toBe(true);
      expect(await n.claim('LTAI5tA', 'n1', T0 + 900_000)).toBe(false);
      expect(await n.claim('LTAI5tB', 'n1', T0 + 900_000)).toBe(true);
      expect(await n.claim('LTAI5tA', 'n2', T0)).toBe(true);
      expect(await n.purgeExpired(T0)).toBe(0);
      expect(await n.purgeExpired(T0 + 1)).toBe(1);
      expect(await n.claim('LTAI5tA', 'n2', T0 + 900_000)).toBe(true);
      expect(await n.claim('LTAI5tA', 'n1', T0 + 900_000)).toBe(false);
      expect(await n.purgeExpired(T0 + 900_001)).toBe(3);
    });
  });

  describe('meta', () => {
    it('setIfAbsent sets a key once; get reads it', async () => {
      expect(await store().meta.get('bootstrap')).toBeUndefined();
      expect(await store().meta.setIfAbsent('bootstrap', 'first')).toBe(true);
      expect(await store().meta.setIfAbsent('bootstrap', 'second')).toBe(false);
      expect(await store().meta.get('bootstrap')).toBe('first');
    });
  });
}
