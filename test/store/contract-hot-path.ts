/**
 * Conformance of the hot path's intent-level write (verification.sendCode): the whole write set
 * commits together or not at all, on every dialect; on SQLite concurrent Sends share one group
 * commit, each in its own savepoint. Limits and ClientTokens: contract-hot-path-limits.ts.
 */
import { describe, expect, it } from 'vitest';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, account, accountId, member, seedDirectory } from './fixtures.js';
import { command, counter, hotPathStore, id, IMPLEMENTATIONS, type Implementation } from './hot-path-fixtures.js';
import { hotPathLimitCases } from './contract-hot-path-limits.js';

export function hotPathContract(db: () => TestDatabase): void {
  for (const impl of IMPLEMENTATIONS) {
    describe(impl.name, () => {
      writeSetCases(db, impl);
      hotPathLimitCases(db, impl);
    });
  }
}

function writeSetCases(db: () => TestDatabase, impl: Implementation): void {
  const { store, sendsOf } = hotPathStore(db, impl);

  it("writes nothing for a stale identity stamp; a RAM change bumps only its own account's epoch", async () => {
    const a = accountId();
    const manager = accountId();
    const bystander = accountId();
    const epoch = await store().identityEpoch(manager);
    await store().identity.createUser({
      id: `u-${manager}`,
      account_id: manager,
      name: 'operator',
      display_name: 'Operator',
      created_at: T0,
    });
    expect(await store().identityEpoch(manager)).toBeGreaterThan(epoch);
    expect(await store().identityEpoch(bystander)).toBe(0);
    const stale = command(a, { identity: { accountId: manager, epoch } });
    expect(await store().verification.sendCode(stale)).toEqual({ kind: 'stale-identity' });
    expect(await sendsOf(a)).toEqual([]);
    expect(await store().outbox.get(stale.message!.id)).toBeUndefined();
    expect(await store().codes.takeAttempt(PURPOSE, a, T0 + 1)).toBeUndefined();
    const current = command(a, { identity: { accountId: manager, epoch: await store().identityEpoch(manager) } });
    expect(await store().verification.sendCode(current)).toEqual({ kind: 'sent' });
    expect((await sendsOf(a)).map((e) => e.id)).toEqual([current.audit.id]);
  });

  it('writes nothing for a member that is no longer as read; sends while it is', async () => {
    const { rd, root } = await seedDirectory(store());
    const a = account();
    await store().directory.createAccount(a);
    await store().directory.addMember(member({ account_id: a.id, directory_id: rd, folder_id: root }));
    const read = { accountId: a.id, directoryId: rd, folderId: root, type: 'ResourceAccount', securePhone: null };
    const changed = [
      { ...read, folderId: 'fd-elsewhere' },
      { ...read, directoryId: 'rd-other' },
      { ...read, type: 'CloudAccount' },
      { ...read, securePhone: '+6591230000' },
      { ...read, accountId: accountId() },
    ];
    for (const m of changed) {
      const cmd = command(a.id, { member: m });
      expect(await store().verification.sendCode(cmd)).toEqual({ kind: 'stale-member' });
      expect(await store().outbox.get(cmd.message!.id)).toBeUndefined();
    }
    expect(await sendsOf(a.id)).toEqual([]);
    expect(await store().verification.sendCode(command(a.id, { member: read }))).toEqual({ kind: 'sent' });
    await store().directory.bindSecurePhone(a.id, '+6591230000', T0 + 1);
    expect(await store().verification.sendCode(command(a.id, { member: read }))).toEqual({ kind: 'stale-member' });
  });

  it('claims a nonce given to the write once, keeps it whatever the outcome, never when stale', async () => {
    if (impl.name !== 'verification.sendCode' || !db().store.verification.claimsNonceInWrite) return;
    const a = accountId();
    const manager = accountId();
    const nonce = { accessKeyId: 'LTAI5tNonceInWrite0000001', nonce: `n-${a}`, expiresAt: T0 + 900_000 };
    const epoch = await store().identityEpoch(manager);
    const stale = command(a, { nonce, identity: { accountId: manager, epoch: epoch + 1 } });
    expect(await store().verification.sendCode(stale)).toEqual({ kind: 'stale-identity' });
    expect(await store().verification.sendCode(command(accountId(), { limits: counter(1, `n-${a}`) }))).toEqual({
      kind: 'sent',
    });
    const refused = command(a, { nonce, limits: counter(1, `n-${a}`) });
    expect(await store().verification.sendCode(refused)).toMatchObject({ kind: 'refused' });
    const again = command(a, { nonce });
    expect(await store().verification.sendCode(again)).toEqual({ kind: 'nonce-used' });
    expect(await store().outbox.get(again.message!.id)).toBeUndefined();
    expect(await sendsOf(a)).toEqual([]);
    expect(await store().nonces.claim(nonce.accessKeyId, nonce.nonce, nonce.expiresAt)).toBe(false);
    const fresh = { ...nonce, nonce: `m-${a}` };
    expect(await store().verification.sendCode(command(a, { nonce: fresh }))).toEqual({ kind: 'sent' });
    expect(await store().nonces.claim(fresh.accessKeyId, fresh.nonce, fresh.expiresAt)).toBe(false);
  });

  it('commits the code, its outbox message and the audit record together, superseding the live code', async () => {
    const a = accountId();
    const first = command(a);
    const second = command(a, { now: T0 + 1 });
    expect(await store().verification.sendCode(first)).toEqual({ kind: 'sent' });
    expect(await store().verification.sendCode(second)).toEqual({ kind: 'sent' });
    const live = await store().codes.takeAttempt(PURPOSE, a, T0 + 2);
    expect(live).toMatchObject({ id: second.code.id, codeMac: second.code.codeMac, attempts: 1, maxAttempts: 5 });
    expect(await store().outbox.get(second.message!.id)).toMatchObject({
      to_phone: '+6591230000',
      account_id: a,
      status: 'queued',
      payload_enc: 'sealed',
      next_attempt_at: T0 + 1,
      expires_at: T0 + 600_000,
    });
    expect((await sendsOf(a)).map((e) => e.id).sort()).toEqual([first.audit.id, second.audit.id].sort());
  });

  it('a message delivered inline is written sent with its inbox row and attempt; a refusal writes none', async () => {
    const a = accountId();
    const delivered = (msg: string, inboxId: string) => ({
      id: msg,
      delivered: {
        provider: 'inbox',
        inbox: {
          id: inboxId,
          message_id: msg,
          to_phone: '+6591230000',
          text: 'code 123456',
          code: '123456',
          purpose: PURPOSE,
          account_id: a,
          created_at: T0,
        },
        attempt: {
          id: `${msg}:0001:0:abcdef`,
          message_id: msg,
          attempt: 1,
          provider: 'inbox',
          started_at: T0,
          finished_at: T0,
          outcome: 'sent' as const,
          provider_message_id: inboxId,
          error: null,
        },
      },
    });
    const first = command(a, { message: delivered(id('msg'), id('inbox')), limits: counter(1, a) });
    expect(await store().verification.sendCode(first)).toEqual({ kind: 'sent' });
    const msg = first.message!;
    expect(await store().outbox.get(msg.id)).toMatchObject({
      status: 'sent',
      provider: 'inbox',
      provider_message_id: msg.delivered!.inbox.id,
      attempts: 1,
      payload_enc: null,
      sent_at: T0,
      lease_until: null,
    });
    expect(await store().delivery.attemptsOf(msg.id)).toEqual([msg.delivered!.attempt]);
    const inbox = (await store().inbox.list('+6591230000', 100)).filter((m) => m.account_id === a);
    expect(inbox.map((m) => m.id)).toEqual([msg.delivered!.inbox.id]);
    // Refused by the limit the first one reached: its inbox row, outbox message and attempt roll back with it.
    const refused = command(a, { now: T0 + 1, message: delivered(id('msg'), id('inbox')), limits: counter(1, a) });
    expect((await store().verification.sendCode(refused)).kind).toBe('refused');
    expect(await store().outbox.get(refused.message!.id)).toBeUndefined();
    expect(await store().delivery.attemptsOf(refused.message!.id)).toEqual([]);
    expect((await store().inbox.list('+6591230000', 100)).filter((m) => m.account_id === a)).toHaveLength(1);
  });
}
