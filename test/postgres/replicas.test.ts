/**
 * Three resdir replicas on one PostgreSQL database: every atomic primitive holds across replicas
 * (migration, send limits and cooldown, one winning Bind, nonce single use, outbox claiming),
 * driven over HTTP through the official SDKs. The tests share one cluster and run in order: the
 * daily management-account limit (17) is spent by the Bind test (1), the ClientToken test (1) and
 * the Send test (10 + 5). The verification-defence limits not exercised here are off; each is the
 * same guarded counter, raced on both dialects by the store conformance suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ManualClock } from '../../src/lib/clock.js';
import { timeOrderedId } from '../../src/lib/ids.js';
import { ok } from '../../src/lib/result.js';
import { MIGRATION_NAMES } from '../../src/store/migrate.js';
import { coreClient, popClient, productClient, rmModels } from '../support/clients.js';
import { waitForSms } from '../support/harness.js';
import { createDatabase, testPostgres, type TestDatabaseUrl } from '../support/postgres.js';
import { startReplicas, type Cluster } from '../support/replicas.js';
import { captureOne, replayTo } from './capture.js';
import { callOn, parallel, tally, usPhone } from './sdk-outcome.js';

const pgInfo = testPostgres();
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(!pgInfo.available)(
  `three replicas on one PostgreSQL${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    let db: TestDatabaseUrl;
    let cluster: Cluster;
    const clock = new ManualClock(Date.now()); // one UTC day for every Send
    beforeAll(async () => {
      db = await createDatabase({ empty: true }); // the replicas migrate it, all starting at once
      cluster = await startReplicas(3, {
        databaseUrl: db.url,
        clock,
        settings: {
          maxSendsPerMemberPerDay: 10,
          maxSendsPerManagementAccountPerDay: 17,
          resendCooldownSeconds: 60,
          maxSendsPerPhonePerHour: 0,
          maxSendsPerPhonePerDay: 0,
          maxSendsPerPrincipalPerDay: 0,
          maxSendsPerPrefixPerHour: 0,
          breakerMinSends: 0,
        },
      });
    });
    afterAll(async () => {
      await cluster?.close();
      await db?.drop();
    });
    const replica = (i: number) => cluster.replicas[i % 3]!;

    it('migrated the empty database exactly once although three replicas started together', async () => {
      const rows = await query<{ name: string }>(db.url, 'select name from resdir_migrations order by name');
      expect(rows.map((r) => r.name)).toEqual([...MIGRATION_NAMES]);
      for (const r of cluster.replicas) expect(r.app.store.dialect).toBe('postgres');
      for (const r of cluster.replicas)
        expect(await (await fetch(`${r.url}/_resdir/health`)).json()).toMatchObject({
          status: 'ok',
          store: 'postgres',
        });
    });

    it('30 parallel Binds with the right code over three replicas: exactly one binds', async () => {
      const admin = cluster.boot.admin;
      const member = cluster.boot.member.accountId;
      const phone = '65-91230007';
      expect(await callOn(replica(0), admin, 0, SEND, { AccountId: member, SecureMobilePhone: phone })).toEqual({
        status: 200,
      });
      const code = (await waitForSms(replica(1), phone)).code;
      const got = await parallel(30, (i) =>
        callOn(replica(i), admin, i, 'BindSecureMobilePhone', {
          AccountId: member,
          SecureMobilePhone: phone,
          VerificationCode: code,
        }),
      );
      expect(got.filter((o) => o.status === 200)).toHaveLength(1);
      for (const o of got.filter((x) => x.status !== 200)) {
        expect(o.status).toBe(409);
        expect(['Invalid.VerificationCode', 'AccountSecureMobileAlreadyExists']).toContain(o.code);
      }
      expect(await query(db.url, 'select secure_mobile_phone from accounts where id = $1', [member])).toEqual([
        { secure_mobile_phone: '+6591230007' },
      ]);
      const binds = await query<{ result_code: string; n: number }>(
        db.url,
        `select result_code, count(*)::int as n from audit_events where action = 'BindSecureMobilePhone' and ` +
          `target_account_id = $1 group by result_code`,
        [member],
      );
      expect(binds.find((b) => b.result_code === 'OK')?.n).toBe(1);
      expect(binds.reduce((s, b) => s + b.n, 0)).toBe(30);
    });

    it('one signed request replayed to all three replicas is accepted once (ACS3 and V1 signatures)', async () => {
      const admin = cluster.boot.admin;
      const member = cluster.boot.member.accountId;
      const acs3 = await captureOne((host) =>
        productClient(host, admin).getAccount(new rmModels.GetAccountRequest({ accountId: member })),
      );
      const v1 = await captureOne((_host, url) => popClient(url, admin).call('GetAccount', { AccountId: member }));
      for (const rec of [acs3, v1]) {
        const answers = await parallel(9, (i) => replayTo(replica(i).url, rec));
        expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
        expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.Code])).toEqual(
          Array(8).fill([400, 'SignatureNonceUsed']),
        );
      }
    });

    it('one ClientToken sent to three replicas at once: one Send happens, every answer is its answer', async () => {
      const admin = cluster.boot.admin;
      const created = await coreClient(replica(0).host, admin).call('CreateResourceAccount', {
        DisplayName: 'token member',
      });
      const member = (created.Account as Record<string, string>).AccountId!;
      const params = { AccountId: member, SecureMobilePhone: '65-91230008', ClientToken: 'replica-token-1' };
      const got = await parallel(30, (i) => callOn(replica(i), admin, i, SEND, params, true));
      expect(tally(got)).toEqual({ '200': 30 });
      expect(new Set(got.map((o) => o.body?.ExpirationDate)).size).toBe(1);
      expect(await query(db.url, 'select count(*)::int as n from sms_outbox where account_id = $1', [member])).toEqual([
        { n: 1 },
      ]);
      expect(
        await query(db.url, 'select count(*)::int as n from verification_codes where account_id = $1', [member]),
      ).toEqual([{ n: 1 }]);
    });

    it('1,000 queued messages drained by the three replicas’ workers: each delivered exactly once', async () => {
      const app = cluster.replicas[0]!.app;
      const now = clock.now();
      const ids: string[] = [];
      await app.store.atomically(async (tx) => {
        for (let i = 0; i < 1000; i++) {
          const id = timeOrderedId(now);
          ids.push(id);
          await tx.outbox.enqueue({
            id,
            to_phone: `+1202555${String(i).padStart(4, '0')}`,
            purpose: 'bind-secure-mobile-phone',
            account_id: '3999999999999999',
            payload_enc: app.keyring.outboxPayloads.seal(
              JSON.stringify({ code: String(100000 + i), minutes: 10, purpose: 'bind-secure-mobile-phone' }),
            ),
            status: 'queued',
            attempts: 0,
            next_attempt_at: now,
            lease_until: null,
            expires_at: now + 600_000,
            created_at: now,
            updated_at: now,
            sent_at: null,
            provider: null,
            provider_message_id: null,
            last_error: null,
          });
        }
        return ok(undefined);
      });
      const sentBefore = cluster.replicas.map((r) => r.logs.filter((l) => l.includes('"msg":"sms sent"')).length);
      for (const r of cluster.replicas) r.worker.poke();
      const deadline = Date.now() + 60_000;
      for (;;) {
        const [row] = await query<{ n: number }>(
          db.url,
          `select count(*)::int as n from sms_outbox where account_id = '3999999999999999' and status = 'sent'`,
        );
        if (row!.n === 1000) break;
        if (Date.now() > deadline) throw new Error(`only ${row!.n} of 1000 messages were sent within 60 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const delivered = await query<{ message_id: string; n: number }>(
        db.url,
        `select message_id, count(*)::int as n from sms_inbox where account_id = '3999999999999999' group by ` +
          `message_id`,
      );
      expect(delivered).toHaveLength(1000);
      expect(delivered.every((d) => d.n === 1)).toBe(true);
      expect(new Set(delivered.map((d) => d.message_id))).toEqual(new Set(ids));
      const attempts = await query<{ attempts: number; n: number }>(
        db.url,
        `select attempts, count(*)::int as n from sms_outbox where account_id = '3999999999999999' group by attempts`,
      );
      expect(attempts).toEqual([{ attempts: 1, n: 1000 }]);
      // Every worker took part: the claims interleaved instead of queueing behind one another.
      const byReplica = cluster.replicas.map(
        (r, i) => r.logs.filter((l) => l.includes('"msg":"sms sent"')).length - sentBefore[i]!,
      );
      expect(byReplica.reduce((a, b) => a + b, 0)).toBe(1000);
      for (const n of byReplica) expect(n).toBeGreaterThan(0);
    });

    it('300 parallel Sends for a member on three replicas keep the cooldown and both daily limits', async () => {
      const admin = cluster.boot.admin;
      const created = await coreClient(replica(1).host, admin).call('CreateResourceAccount', {
        DisplayName: 'replica member one',
      });
      const m1 = (created.Account as Record<string, string>).AccountId!;
      // 30 phones × 10 Sends: the cooldown lets at most one per phone through, the member limit 10.
      const first = await parallel(300, (i) =>
        callOn(replica(i), admin, i, SEND, { AccountId: m1, SecureMobilePhone: usPhone(i % 30) }),
      );
      expect(tally(first)).toEqual({ '200': 10, SendValidateCodeExceedsLimitForAccount: 290 });
      expect(first.filter((o) => o.status !== 200).every((o) => o.status === 409)).toBe(true);

      // A second member: the management account has 5 of its 17 left (2 went to the Bind and ClientToken tests).
      const created2 = await coreClient(replica(2).host, admin).call('CreateResourceAccount', {
        DisplayName: 'replica member two',
      });
      const m2 = (created2.Account as Record<string, string>).AccountId!;
      const second = await parallel(300, (i) =>
        callOn(replica(i), admin, i, SEND, { AccountId: m2, SecureMobilePhone: usPhone(30 + (i % 30)) }),
      );
      expect(tally(second)).toEqual({ '200': 5, SendValidateCodeExceedsLimitForAccount: 295 });
      // Refusals name whichever limit stopped them first (cooldown, member, management account).
      expect(second.filter((o) => o.status !== 200).every((o) => o.status === 409)).toBe(true);
      expect(second.some((o) => /per management account per day/.test(o.message ?? ''))).toBe(true);

      // The database agrees: one code and one outbox message per accepted Send, never two for one
      // phone, exactly one live code per member, and the counters stopped exactly at the limits.
      const codes = await query<{ account_id: string; phone: string; n: number; live: number }>(
        db.url,
        'select account_id, phone, count(*)::int as n, count(*) filter (where superseded_at is null)::int as live ' +
          'from verification_codes where account_id in ($1, $2) group by account_id, phone',
        [m1, m2],
      );
      expect(codes.filter((r) => r.account_id === m1)).toHaveLength(10);
      expect(codes.filter((r) => r.account_id === m2)).toHaveLength(5);
      expect(codes.every((r) => r.n === 1)).toBe(true);
      expect(codes.reduce((s, r) => s + r.live, 0)).toBe(2);
      const outbox = await query<{ account_id: string; n: number }>(
        db.url,
        'select account_id, count(*)::int as n from sms_outbox where account_id in ($1, $2) group by account_id ' +
          'order by n desc',
        [m1, m2],
      );
      expect(outbox).toEqual([
        { account_id: m1, n: 10 },
        { account_id: m2, n: 5 },
      ]);
      const counters = await query<{ scope: string; subject: string; count: number }>(
        db.url,
        `select scope, subject, count from send_counters where subject in ($1, $2, '1000000000000001')`,
        [m1, m2],
      );
      expect(counters.map((c) => `${c.scope}:${c.subject}:${c.count}`).sort()).toEqual(
        [`management-day:1000000000000001:17`, `member-day:${m1}:10`, `member-day:${m2}:5`].sort(),
      );
      const audit = await query<{ result_code: string; n: number }>(
        db.url,
        'select result_code, count(*)::int as n from audit_events where action = $1 and target_account_id in ($2, ' +
          '$3) group by result_code',
        [SEND, m1, m2],
      );
      expect(Object.fromEntries(audit.map((a) => [a.result_code, a.n]))).toEqual({
        OK: 15,
        SendValidateCodeExceedsLimitForAccount: 585,
      });
    });
  },
);
