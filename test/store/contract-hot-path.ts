/**
 * Conformance of the hot path's intent-level write (verification.sendCode): the whole write set
 * commits together or not at all, on every dialect; on SQLite concurrent Sends share one group
 * commit, each in its own savepoint.
 */
import { describe, expect, it } from 'vitest';
import type { SendCodeCommand, SendCodeOutcome } from '../../src/store/hot-ports.js';
import { sendCodeViaRepos } from '../../src/store/hot/send-code-repos.js';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, account, accountId, auditEvent, member, seedDirectory } from './fixtures.js';

let seq = 0;
const id = (prefix: string) => `${prefix}-${String(++seq).padStart(8, '0')}`;

function command(account: string, over: Partial<SendCodeCommand> = {}): SendCodeCommand {
  return {
    now: T0,
    code: {
      id: id('code'),
      purpose: PURPOSE,
      accountId: account,
      phone: '+6591230000',
      codeMac: `mac-${seq}`,
      expiresAt: T0 + 600_000,
      maxAttempts: 5,
    },
    message: { id: id('msg'), payloadEnc: 'sealed' },
    audit: auditEvent({ time: T0, action: 'Send', target_account_id: account }),
    replayAudit: auditEvent({ time: T0, action: 'Send', target_account_id: account, detail: 'client-token-replay' }),
    ...over,
  };
}

const counter = (limit: number, subject = 'phone') => ({
  pair: `pair-${subject}`,
  breakerKeys: [],
  counters: [{ scope: 'phone-hour', subject, windowStart: T0, limit }],
});

/** The dialect's own implementation, and the reference over the repositories it must match. */
const IMPLEMENTATIONS: ReadonlyArray<{
  name: string;
  on: (s: Store) => (cmd: SendCodeCommand) => Promise<SendCodeOutcome>;
}> = [
  { name: 'verification.sendCode', on: (s) => (cmd) => s.verification.sendCode(cmd) },
  { name: 'sendCodeViaRepos (reference)', on: (s) => (cmd) => sendCodeViaRepos(s, cmd) },
];

export function hotPathContract(db: () => TestDatabase): void {
  for (const impl of IMPLEMENTATIONS) hotPathCases(db, impl);
}

function hotPathCases(db: () => TestDatabase, impl: (typeof IMPLEMENTATIONS)[number]): void {
  const store = (): Store => {
    const s = db().store;
    return { ...s, verification: { ...s.verification, sendCode: impl.on(s) } };
  };
  const sendsOf = async (account: string) =>
    (await store().audit.recent(1000)).filter((e) => e.target_account_id === account);

  describe(impl.name, () => {
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

    it('a refused limit writes nothing and names the refusing claim; claims before it are rolled back', async () => {
      const a = accountId();
      const limits = {
        pair: `pair-${a}`,
        breakerKeys: [],
        counters: [
          { scope: 'member-day', subject: a, windowStart: T0, limit: 10 },
          { scope: 'phone-hour', subject: `p-${a}`, windowStart: T0, limit: 1 },
        ],
      };
      expect(await store().verification.sendCode(command(a, { limits }))).toEqual({ kind: 'sent' });
      const refused = command(a, { limits, now: T0 + 1 });
      expect(await store().verification.sendCode(refused)).toEqual({
        kind: 'refused',
        refusal: { kind: 'counter', index: 1 },
      });
      expect(await store().defence.counter('member-day', a, T0)).toBe(1);
      expect(await store().outbox.get(refused.message!.id)).toBeUndefined();
      expect(await sendsOf(a)).toHaveLength(1);
    });

    it('the cooldown refuses with the wait and the gap in force', async () => {
      const a = accountId();
      const limits = {
        pair: `pair-${a}`,
        breakerKeys: [],
        counters: [],
        backoff: { baseMs: 60_000, maxMs: 240_000, resetMs: 3_600_000 },
      };
      expect(await store().verification.sendCode(command(a, { limits }))).toEqual({ kind: 'sent' });
      expect(await store().verification.sendCode(command(a, { limits, now: T0 + 20_000 }))).toEqual({
        kind: 'refused',
        refusal: { kind: 'cooldown', waitMs: 40_000, gapMs: 60_000 },
      });
    });

    it('a failure lock and a breaker block refuse before anything is counted', async () => {
      const a = accountId();
      const pair = `pair-${a}`;
      for (let i = 0; i < 3; i++) await store().defence.takePairAttempt(pair, T0, 3, 86_400_000, 600_000);
      const limits = { ...counter(5, a), pair };
      expect(await store().verification.sendCode(command(a, { limits }))).toEqual({
        kind: 'refused',
        refusal: { kind: 'failure-lock', until: T0 + 600_000 },
      });
      const b = accountId();
      await store().defence.trip('prefix', `+65${b}`, T0, T0 + 1_000);
      const breaker = { windowStart: T0, minSends: 1, minBindPercent: 50 };
      const keys = [
        { scope: 'country', subject: `c-${b}` },
        { scope: 'prefix', subject: `+65${b}` },
      ];
      expect(
        await store().verification.sendCode(command(b, { limits: { ...counter(5, b), breakerKeys: keys, breaker } })),
      ).toEqual({ kind: 'refused', refusal: { kind: 'breaker-blocked', until: T0 + 1_000 } });
      expect(await store().defence.counter('phone-hour', a, T0)).toBe(0);
      expect(await store().defence.counter('phone-hour', b, T0)).toBe(0);
    });

    it('the breaker counts sends per key and refuses once too few of them were bound', async () => {
      const keys = [{ scope: 'country', subject: `c-${accountId()}` }];
      const breaker = { windowStart: T0, minSends: 2, minBindPercent: 50 };
      const send = () =>
        store().verification.sendCode(
          command(accountId(), { limits: { pair: id('pair'), breakerKeys: keys, counters: [], breaker } }),
        );
      expect([(await send()).kind, (await send()).kind]).toEqual(['sent', 'sent']);
      expect(await send()).toEqual({ kind: 'refused', refusal: { kind: 'breaker', keyIndex: 0 } });
    });

    it('a ClientToken replays the first answer, is refused with other parameters, and is stored once', async () => {
      const a = accountId();
      const idem = {
        scope: `${a}:Send`,
        token: 'tok-1',
        fingerprint: 'f1',
        response: '{"expiresAt":1}',
        expiresAt: T0 + 86_400_000,
      };
      const first = command(a, { idempotency: idem });
      expect(await store().verification.sendCode(first)).toEqual({ kind: 'sent' });
      const again = command(a, { idempotency: { ...idem, response: '{"expiresAt":2}' }, now: T0 + 5 });
      expect(await store().verification.sendCode(again)).toEqual({ kind: 'replayed', response: '{"expiresAt":1}' });
      expect(await store().outbox.get(again.message!.id)).toBeUndefined();
      const other = command(a, { idempotency: { ...idem, fingerprint: 'f2' }, now: T0 + 6 });
      expect(await store().verification.sendCode(other)).toEqual({ kind: 'token-mismatch' });
      const audit = await sendsOf(a);
      expect(audit.map((e) => e.detail).sort()).toEqual(['client-token-replay', null]);
    });

    it('an expired ClientToken record is taken over by the next Send, which then replays', async () => {
      const a = accountId();
      const idem = { scope: `${a}:Send`, token: 'tok-x', fingerprint: 'f1', response: '{"n":1}', expiresAt: T0 + 10 };
      expect(await store().verification.sendCode(command(a, { idempotency: idem }))).toEqual({ kind: 'sent' });
      const later = { ...idem, fingerprint: 'f2', response: '{"n":2}', expiresAt: T0 + 1_000 };
      const after = command(a, { idempotency: later, now: T0 + 20 });
      expect(await store().verification.sendCode(after)).toEqual({ kind: 'sent' });
      expect(await store().outbox.get(after.message!.id)).toMatchObject({ status: 'queued' });
      const replay = command(a, { idempotency: { ...later, response: '{"n":3}' }, now: T0 + 30 });
      expect(await store().verification.sendCode(replay)).toEqual({ kind: 'replayed', response: '{"n":2}' });
      expect(await store().outbox.get(replay.message!.id)).toBeUndefined();
    });

    it('10 concurrent Sends with one ClientToken: one is sent, none writes a second code', async () => {
      const a = accountId();
      const idem = {
        scope: `${a}:Send`,
        token: 'tok-c',
        fingerprint: 'f1',
        response: '{"n":1}',
        expiresAt: T0 + 9_000,
      };
      const cmds = Array.from({ length: 10 }, (_, i) => command(a, { idempotency: idem, now: T0 + i }));
      const outcomes = await Promise.all(cmds.map((c) => store().verification.sendCode(c)));
      expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1);
      expect(outcomes.every((o) => ['sent', 'replayed', 'token-raced'].includes(o.kind))).toBe(true);
      const queued = await Promise.all(cmds.map((c) => store().outbox.get(c.message!.id)));
      expect(queued.filter((m) => m !== undefined)).toHaveLength(1);
    });

    it('200 concurrent Sends against a limit of 7: exactly 7 commit, every refusal writes nothing', async () => {
      const accounts = Array.from({ length: 200 }, () => accountId());
      const subject = `storm-${accountId()}`;
      const commands = accounts.map((a) => command(a, { limits: counter(7, subject) }));
      const outcomes = await Promise.all(commands.map((c) => store().verification.sendCode(c)));
      expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(7);
      expect(outcomes.filter((o) => o.kind === 'refused')).toHaveLength(193);
      expect(await store().defence.counter('phone-hour', subject, T0)).toBe(7);
      const queued = await Promise.all(commands.map((c) => store().outbox.get(c.message!.id)));
      expect(queued.filter((m) => m !== undefined)).toHaveLength(7);
      const audited = new Set((await store().audit.recent(5000)).map((e) => e.id));
      expect(commands.filter((c) => audited.has(c.audit.id))).toHaveLength(7);
    });

    // The reference runs deferred Kysely transactions: on SQLite two connections are not its use.
    if (impl !== IMPLEMENTATIONS[0]) return;
    it('two connections (replicas) share the limit exactly', async () => {
      const other = await db().connect();
      const subject = `replicas-${accountId()}`;
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          impl.on(i % 2 ? other : db().store)(command(accountId(), { limits: counter(5, subject) })),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(5);
      expect(await store().defence.counter('phone-hour', subject, T0)).toBe(5);
    });
  });
}
