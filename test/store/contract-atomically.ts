/**
 * Conformance, part of the store suite. Store.atomically: commit on ok, roll back everything on a returned failure or a
 * thrown error.
 */
import { describe, expect, it } from 'vitest';
import type { Repos, Store } from '../../src/store/ports.js';
import { err, ok } from '../../src/lib/result.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, account, auditEvent, code, inboxMessage, outboxMessage, seedDirectory } from './fixtures.js';

export function atomicallyContract(db: () => TestDatabase): void {
  const store = (): Store => db().store;

  describe('atomically', () => {
    /** Writes through every repository; returns what to look for afterwards. */
    async function writeEverywhere(tx: Repos, existing: string) {
      const a = account();
      await tx.directory.createAccount(a);
      expect(await tx.directory.getAccount(a.id)).toEqual(a); // a transaction reads its own writes
      const { rd, manager } = await seedDirectory(tx);
      const c = code({ account_id: a.id });
      await tx.codes.insert(c);
      await tx.codes.supersede(PURPOSE, 'nobody', T0);
      const m = outboxMessage();
      await tx.outbox.enqueue(m);
      await tx.inbox.add(inboxMessage({ message_id: m.id }));
      await tx.audit.append(auditEvent({ time: T0 }));
      expect(await tx.limits.increment('tx', 'subject', T0, 100)).toBe(1);
      expect(await tx.nonces.claim('LTAI5tTx', 'nonce', T0 + 900_000)).toBe(true);
      expect(await tx.meta.setIfAbsent('tx-key', 'v')).toBe(true);
      await tx.identity.createUser({
        id: '3000000000000009',
        account_id: a.id,
        name: 'u',
        display_name: 'u',
        created_at: T0,
      });
      await tx.ram.attach({
        account_id: a.id,
        principal_type: 'User',
        principal_name: 'u',
        policy_type: 'System',
        policy_name: 'P',
        attached_at: T0,
      });
      await tx.identity.createAccessKey({
        id: 'LTAI5tTxKey',
        account_id: a.id,
        user_name: 'u',
        secret_enc: 's',
        status: 'Active',
        created_at: T0,
      });
      expect(await tx.directory.bindSecurePhone(existing, '+12025550101', T0)).toBe(true);
      return { a, rd, manager, c, m };
    }

    async function expectNothingWritten(s: Store, w: Awaited<ReturnType<typeof writeEverywhere>>, existing: string) {
      expect(await s.directory.getAccount(w.a.id)).toBeUndefined();
      expect(await s.directory.getAccount(w.manager.id)).toBeUndefined();
      expect(await s.directory.getDirectory(w.rd)).toBeUndefined();
      expect(await s.codes.takeAttempt(PURPOSE, w.a.id, T0 + 1)).toBeUndefined();
      expect(await s.outbox.get(w.m.id)).toBeUndefined();
      expect(await s.inbox.list(undefined, 10)).toEqual([]);
      expect(await s.audit.recent(10)).toEqual([]);
      expect(await s.limits.increment('tx', 'subject', T0, 100)).toBe(1);
      expect(await s.nonces.claim('LTAI5tTx', 'nonce', T0 + 900_000)).toBe(true);
      expect(await s.meta.get('tx-key')).toBeUndefined();
      expect(await s.identity.getUser(w.a.id, 'u')).toBeUndefined();
      expect(await s.ram.attachmentsOf(w.a.id, 'User', 'u')).toEqual([]);
      expect(await s.identity.getAccessKey('LTAI5tTxKey')).toBeUndefined();
      expect((await s.directory.getAccount(existing))?.secure_mobile_phone).toBeNull();
    }

    it('commits every write when fn returns ok, and returns its value', async () => {
      const existing = account();
      await store().directory.createAccount(existing);
      let w: Awaited<ReturnType<typeof writeEverywhere>> | undefined;
      const r = await store().atomically(async (tx) => {
        w = await writeEverywhere(tx, existing.id);
        return ok('done');
      });
      expect(r).toEqual({ ok: true, value: 'done' });
      expect(await store().directory.getAccount(w!.a.id)).toEqual(w!.a);
      expect((await store().codes.takeAttempt(PURPOSE, w!.a.id, T0 + 1))?.id).toBe(w!.c.id);
      expect(await store().outbox.get(w!.m.id)).toEqual(w!.m);
      expect(await store().audit.recent(10)).toHaveLength(1);
      expect(await store().limits.increment('tx', 'subject', T0, 100)).toBe(2);
      expect(await store().nonces.claim('LTAI5tTx', 'nonce', T0 + 900_000)).toBe(false);
      expect(await store().meta.get('tx-key')).toBe('v');
      expect((await store().directory.getAccount(existing.id))?.secure_mobile_phone).toBe('+12025550101');
    });

    it('rolls back every write when fn returns a failure, and returns that failure', async () => {
      const existing = account();
      await store().directory.createAccount(existing);
      let w: Awaited<ReturnType<typeof writeEverywhere>> | undefined;
      const r = await store().atomically(async (tx) => {
        w = await writeEverywhere(tx, existing.id);
        return err({ code: 'Refused' });
      });
      expect(r).toEqual({ ok: false, error: { code: 'Refused' } });
      await expectNothingWritten(store(), w!, existing.id);
    });

    it('rolls back every write when fn throws, and rethrows the error', async () => {
      const existing = account();
      await store().directory.createAccount(existing);
      let w: Awaited<ReturnType<typeof writeEverywhere>> | undefined;
      const boom = new Error('boom');
      await expect(
        store().atomically(async (tx) => {
          w = await writeEverywhere(tx, existing.id);
          throw boom;
        }),
      ).rejects.toBe(boom);
      await expectNothingWritten(store(), w!, existing.id);
      // The store is usable after a rollback.
      expect(await store().atomically(async (tx) => ok(await tx.meta.setIfAbsent('after', 'x')))).toEqual({
        ok: true,
        value: true,
      });
      expect(await store().meta.get('after')).toBe('x');
    });
  });
}
