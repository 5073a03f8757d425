/**
 * Conformance of the Bind step (verification.bindPhone) on every dialect, for the dialect's own
 * implementation and the reference over the repositories: a wrong guess stays counted, a match
 * consumes, binds, clears the failure budget, credits the breaker and records the audit record
 * together, and a lost race undoes the binding writes but never the counted attempt.
 */
import { describe, expect, it } from 'vitest';
import type { BindPhoneCommand, BindPhoneOutcome } from '../../src/store/hot-ports.js';
import { bindPhoneViaRepos } from '../../src/store/hot/bind-phone-repos.js';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, account, accountId, auditEvent, member, seedDirectory } from './fixtures.js';

const PHONE = '+6591239999';
const IMPLEMENTATIONS: ReadonlyArray<{
  name: string;
  on: (s: Store) => (cmd: BindPhoneCommand) => Promise<BindPhoneOutcome>;
}> = [
  { name: 'verification.bindPhone', on: (s) => (cmd) => s.verification.bindPhone(cmd) },
  { name: 'bindPhoneViaRepos (reference)', on: (s) => (cmd) => bindPhoneViaRepos(s, cmd) },
];

export function bindPhoneContract(db: () => TestDatabase): void {
  for (const impl of IMPLEMENTATIONS) {
    describe(impl.name, () => {
      const bind = (cmd: BindPhoneCommand) => impl.on(db().store)(cmd);
      const store = () => db().store;

      /** A member account with one live code whose MAC is `mac-<account>`. */
      async function withCode(): Promise<string> {
        const a = accountId();
        await store().directory.createAccount(account({ id: a }));
        await store().codes.insert({
          id: `code-${a}`,
          purpose: PURPOSE,
          account_id: a,
          phone: PHONE,
          code_mac: `mac-${a}`,
          created_at: T0,
          expires_at: T0 + 600_000,
          attempts: 0,
          max_attempts: 3,
          consumed_at: null,
          superseded_at: null,
        });
        return a;
      }
      const command = (a: string, presentedMac: string, over: Partial<BindPhoneCommand> = {}): BindPhoneCommand => ({
        now: T0 + 1_000,
        purpose: PURPOSE,
        accountId: a,
        phone: PHONE,
        pair: `pair-${a}`,
        budget: { max: 5, windowMs: 3_600_000, lockMs: 3_600_000 },
        presentedMac,
        credit: { keys: [{ scope: 'country', subject: `65-${a}` }], windowMs: 3_600_000 },
        audit: auditEvent({ time: T0 + 1_000, action: 'Bind', target_account_id: a }),
        ...over,
      });
      const audited = async (a: string) =>
        (await store().audit.recent(1000)).filter((e) => e.target_account_id === a).length;

      it('a wrong code stays counted; the right one binds, consumes, credits and audits together', async () => {
        const a = await withCode();
        expect(await bind(command(a, 'wrong'))).toEqual({ kind: 'wrong-code', attempts: 1, maxAttempts: 3 });
        expect(await audited(a)).toBe(0);
        expect(await bind(command(a, `mac-${a}`))).toEqual({ kind: 'bound', attempts: 2 });
        expect((await store().directory.getAccount(a))?.secure_mobile_phone).toBe(PHONE);
        expect(await store().defence.counter(`breaker-bound:country`, `65-${a}`, T0)).toBe(1);
        expect(await audited(a)).toBe(1);
        // The code was consumed: nothing is live any more.
        expect(await bind(command(a, `mac-${a}`))).toEqual({ kind: 'no-live-code' });
      });

      it('a stale identity or a member no longer as read writes nothing, not even the attempt', async () => {
        const a = await withCode();
        const { rd, root, manager } = await seedDirectory(store());
        await store().directory.addMember(member({ account_id: a, directory_id: rd, folder_id: root }));
        const read = { accountId: a, directoryId: rd, folderId: root, type: 'ResourceAccount', securePhone: null };
        const epoch = await store().identityEpoch(manager.id);
        const right = `mac-${a}`;
        const stale = command(a, right, { identity: { accountId: manager.id, epoch: epoch + 1 }, member: read });
        expect(await bind(stale)).toEqual({ kind: 'stale-identity' });
        expect(await bind(command(a, right, { member: { ...read, folderId: 'fd-moved' } }))).toEqual({
          kind: 'stale-member',
        });
        expect(await audited(a)).toBe(0);
        const current = { identity: { accountId: manager.id, epoch }, member: read };
        // Nothing was counted: the one right guess binds on the code's first attempt.
        expect(await bind(command(a, right, current))).toEqual({ kind: 'bound', attempts: 1 });
      });

      it('a member bound by another Bind first: the binding writes are undone, the attempt stays', async () => {
        const a = await withCode();
        await store().directory.bindSecurePhone(a, '+6590000000', T0);
        expect(await bind(command(a, `mac-${a}`))).toEqual({ kind: 'already-bound' });
        expect((await store().directory.getAccount(a))?.secure_mobile_phone).toBe('+6590000000');
        expect(await audited(a)).toBe(0);
        // Not consumed (undone), and the attempt counted: the next try is attempt 2.
        expect(await bind(command(a, 'wrong'))).toEqual({ kind: 'wrong-code', attempts: 2, maxAttempts: 3 });
      });

      it('a spent failure budget locks the pair before any comparison', async () => {
        const a = await withCode();
        const budget = { max: 1, windowMs: 3_600_000, lockMs: 60_000 };
        expect(await bind(command(a, 'wrong', { budget }))).toMatchObject({ kind: 'wrong-code' });
        expect(await bind(command(a, `mac-${a}`, { budget }))).toEqual({
          kind: 'pair-locked',
          until: T0 + 1_000 + 60_000,
        });
        expect((await store().directory.getAccount(a))?.secure_mobile_phone).toBeNull();
      });

      it('no live code: nothing is written', async () => {
        const a = accountId();
        await store().directory.createAccount(account({ id: a }));
        expect(await bind(command(a, 'x'))).toEqual({ kind: 'no-live-code' });
        expect(await audited(a)).toBe(0);
      });

      it('10 concurrent Binds with the right code: exactly one binds', async () => {
        const a = await withCode();
        await store().codes.insert({
          id: `code-${a}-2`,
          purpose: PURPOSE,
          account_id: a,
          phone: PHONE,
          code_mac: `mac-${a}`,
          created_at: T0 + 1,
          expires_at: T0 + 600_000,
          attempts: 0,
          max_attempts: 20,
          consumed_at: null,
          superseded_at: null,
        });
        const outcomes = await Promise.all(Array.from({ length: 10 }, () => bind(command(a, `mac-${a}`))));
        expect(outcomes.filter((o) => o.kind === 'bound')).toHaveLength(1);
        expect(await audited(a)).toBe(1);
      });
    });
  }
}
