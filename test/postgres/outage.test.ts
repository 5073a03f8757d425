/**
 * PostgreSQL going away under resdir: its own throwaway server (stopped and started here), two
 * replicas on it. A call in flight answers 503 ServiceUnavailable and leaves nothing half-written;
 * health says not ready while the database is gone; service resumes by itself when it is back;
 * under load, nothing but 503 appears, no committed outbox message is lost and no member is bound twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { findPostgresBin, startPgServer, type PgServer } from '../../src/tools/throwaway-postgres.js';
import { createDatabase } from '../support/postgres.js';
import { startReplicas, type Cluster } from '../support/replicas.js';
import { waitForSms } from '../support/harness.js';
import { callOn, type Outcome } from './sdk-outcome.js';

const bin = findPostgresBin();
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let phoneSeq = 0;
const nextPhone = (): string => `1-202555${String(1000 + ++phoneSeq).padStart(4, '0')}`;
const e164 = (wire: string): string => `+${wire.replace('-', '')}`;

describe.skipIf(!bin)(
  `PostgreSQL stopped and restarted under ` +
    `resdir${bin ? '' : ' (SKIPPED: no PostgreSQL 15+ binaries to start and stop)'}`,
  () => {
    let server: PgServer;
    let url: string;
    let cluster: Cluster;
    const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<T>(text, params)).rows;
      } finally {
        await c.end();
      }
    };
    const health = async (i = 0) => {
      const r = await fetch(`${cluster.replicas[i]!.url}/_resdir/health`);
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const waitHealthy = async () => {
      const deadline = Date.now() + 20_000;
      while ((await health(0)).status !== 200 || (await health(1)).status !== 200) {
        if (Date.now() > deadline) throw new Error('resdir did not become ready again within 20 s');
        await sleep(100);
      }
    };
    const call = (i: number, action: string, params: Record<string, string>): Promise<Outcome> =>
      callOn(cluster.replicas[i % 2]!, cluster.boot.admin, i, action, params);
    const newMember = async (name: string): Promise<string> => {
      const o = await callOn(cluster.replicas[0]!, cluster.boot.admin, 0, 'CreateResourceAccount', {
        DisplayName: name,
      });
      expect(o.status).toBe(200);
      const rows = await q<{ account_id: string }>('select account_id from members where display_name = $1', [name]);
      return rows[0]!.account_id;
    };

    beforeAll(async () => {
      server = await startPgServer(bin!);
      url = (await createDatabase({ adminUrl: server.url(), empty: true })).url;
      cluster = await startReplicas(2, {
        databaseUrl: url,
        // Send limits out of the way (0 = off; the daily ones at their maximum): this test is about the database.
        settings: {
          dbStatementTimeoutMs: 10_000,
          maxSendsPerMemberPerDay: 1_000_000,
          maxSendsPerManagementAccountPerDay: 10_000_000,
          maxSendsPerPhonePerHour: 0,
          maxSendsPerPhonePerDay: 0,
          maxSendsPerPrincipalPerDay: 0,
          maxSendsPerPrefixPerHour: 0,
          breakerMinSends: 0,
          // The SDK clients open a connection per call and leave it idle (keep-alive): thousands of
          // calls in a few seconds must not meet the connection cap, which is not under test here.
          httpMaxConnections: 100_000,
        },
        worker: { leaseMs: 2_000, idlePollMs: 200 }, // messages caught by the outage mid-delivery are retried soon
      });
    }, 120_000);
    afterAll(async () => {
      await cluster?.close();
      await server?.destroy();
    });

    it('a Send in flight when PostgreSQL stops: all or nothing, then 503; health recovers by itself', async () => {
      const member = await newMember('outage member');
      const [phoneA, phoneB] = [nextPhone(), nextPhone()];
      expect(await call(0, SEND, { AccountId: member, SecureMobilePhone: phoneA })).toEqual({ status: 200 });
      expect(await health(0)).toEqual({
        status: 200,
        body: expect.objectContaining({ status: 'ok', store: 'postgres' }),
      });

      // Hold the member's daily counter: the next Send claims its cooldown, then waits inside its transaction.
      const blocker = new pg.Client({ connectionString: url });
      blocker.on('error', () => undefined);
      await blocker.connect();
      await blocker.query('begin');
      await blocker.query(`select * from send_counters where scope = 'member-day' and subject = $1 for update`, [
        member,
      ]);
      const inFlight = call(1, SEND, { AccountId: member, SecureMobilePhone: phoneB });
      for (let i = 0; ; i++) {
        const { rows } = await blocker.query(
          `select count(*)::int as n from pg_stat_activity where application_name = 'resdir' and wait_event_type = ` +
            `'Lock'`,
        );
        if (rows[0].n > 0) break;
        if (i > 200) throw new Error('the Send never reached the held lock');
        await sleep(20);
      }

      await server.stop('fast');
      // The stop ends the blocking session and the waiting Send at nearly the same moment: as a Send
      // is one round trip, it may still commit whole in between. Either way, never half-written.
      const first = await inFlight;
      const committed = first.status === 200;
      if (!committed) expect(first).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
      expect(await health(0)).toEqual({
        status: 503,
        body: expect.objectContaining({ status: 'unavailable', store: 'postgres' }),
      });
      expect(await call(0, 'GetAccount', { AccountId: member })).toMatchObject({
        status: 503,
        code: 'ServiceUnavailable',
      });
      await blocker.end().catch(() => undefined);

      await server.start();
      await waitHealthy();
      // The interrupted Send left all of its writes or none: cooldown, code, message (and audit record).
      const one = committed ? 1 : 0;
      expect(await q('select subject from send_backoff where subject like $1', [`%${e164(phoneB)}`])).toHaveLength(one);
      expect(await q('select id from verification_codes where phone = $1', [e164(phoneB)])).toHaveLength(one);
      expect(await q('select id from sms_outbox where to_phone = $1', [e164(phoneB)])).toHaveLength(one);
      expect(await q(`select count(*)::int as n from send_counters where subject = $1`, [member])).toEqual([{ n: 1 }]);
      // And a Send goes through at once, on either replica, without restarting anything.
      if (!committed)
        expect(await call(1, SEND, { AccountId: member, SecureMobilePhone: phoneB })).toEqual({ status: 200 });
      expect((await waitForSms(cluster.replicas[0]!, phoneB)).to).toBe(phoneB);
    }, 60_000);

    it('under load: only 503 while PostgreSQL restarts, nothing committed lost or bound twice; resumes', async () => {
      const senders = await Promise.all([0, 1, 2, 3].map((i) => newMember(`load sender ${i}`)));
      const binders: Array<{ member: string; phone: string; code: string }> = [];
      for (let i = 0; i < 6; i++) {
        const member = await newMember(`load binder ${i}`);
        const phone = nextPhone();
        expect(await call(i, SEND, { AccountId: member, SecureMobilePhone: phone })).toEqual({ status: 200 });
        binders.push({ member, phone, code: (await waitForSms(cluster.replicas[0]!, phone)).code });
      }

      const results: Array<Outcome & { kind: 'send' | 'bind'; member: string; at: number }> = [];
      const start = Date.now();
      let running = true;
      const loop = async (l: number) => {
        for (let n = 0; running; n++) {
          const i = l * 1000 + n;
          const t = Date.now() - start;
          // Binder k becomes eligible at k × 0.7 s, so Binds race before, during and after the outage.
          const eligible = binders.filter((_, k) => t >= k * 700);
          if (n % 2 === 1 && eligible.length > 0) {
            const b = eligible[i % eligible.length]!;
            results.push({
              kind: 'bind',
              member: b.member,
              at: Date.now() - start,
              ...(await call(i, BIND, { AccountId: b.member, SecureMobilePhone: b.phone, VerificationCode: b.code })),
            });
          } else {
            const member = senders[i % senders.length]!;
            results.push({
              kind: 'send',
              member,
              at: Date.now() - start,
              ...(await call(i, SEND, { AccountId: member, SecureMobilePhone: nextPhone() })),
            });
          }
        }
      };
      const loops = Promise.all(Array.from({ length: 8 }, (_, l) => loop(l)));
      await sleep(1_000);
      const stoppedAt = Date.now() - start;
      await server.stop('fast');
      await sleep(1_500);
      await server.start();
      const restartedAt = Date.now() - start;
      await sleep(2_500);
      running = false;
      await loops;

      // Only 200, the expected 409s and 503 ServiceUnavailable; the outage was seen, and service came back.
      const statuses = new Set(results.map((r) => `${r.status} ${r.code ?? ''}`.trim()));
      for (const s of statuses)
        expect([
          '200',
          '409 Invalid.VerificationCode',
          '409 AccountSecureMobileAlreadyExists',
          '503 ServiceUnavailable',
        ]).toContain(s);
      expect(results.some((r) => r.status === 503 && r.at >= stoppedAt)).toBe(true);
      expect(results.some((r) => r.status === 200 && r.kind === 'send' && r.at > restartedAt)).toBe(true);
      await waitHealthy();

      // No member bound twice: at most one Bind answered 200, and the bound phone is the one sent to.
      for (const b of binders) {
        const oks = results.filter((r) => r.kind === 'bind' && r.member === b.member && r.status === 200).length;
        expect(oks).toBeLessThanOrEqual(1);
        const [acct] = await q<{ secure_mobile_phone: string | null }>(
          'select secure_mobile_phone from accounts where id = $1',
          [b.member],
        );
        if (oks === 1) expect(acct!.secure_mobile_phone).toBe(e164(b.phone));
        if (acct!.secure_mobile_phone !== null) expect(acct!.secure_mobile_phone).toBe(e164(b.phone));
        const [audit] = await q<{ n: number }>(
          `select count(*)::int as n from audit_events where action = $1 and result_code = 'OK' and ` +
            `target_account_id = $2`,
          [BIND, b.member],
        );
        expect(audit!.n).toBe(acct!.secure_mobile_phone === null ? 0 : 1);
      }

      // No committed message lost: every accepted Send's message gets delivered once the database is back.
      const okSends = results.filter((r) => r.kind === 'send' && r.status === 200).length;
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [pending] = await q<{ n: number }>(
          `select count(*)::int as n from sms_outbox where status in ('queued', 'sending')`,
        );
        if (pending!.n === 0) break;
        if (Date.now() > deadline)
          throw new Error(`${pending!.n} outbox messages still undelivered 30 s after the restart`);
        await sleep(200);
      }
      const committed = await q<{ id: string; status: string; inbox: number }>(
        `select o.id, o.status, (select count(*)::int from sms_inbox i where i.message_id = o.id) as inbox
         from audit_events a join sms_outbox o on o.id = a.outbox_message_id
        where a.action = $1 and a.result_code = 'OK' and a.target_account_id = any($2)`,
        [SEND, senders],
      );
      expect(committed.length).toBeGreaterThanOrEqual(okSends); // a commit whose answer was lost still counts
      for (const m of committed) {
        expect(m.status).toBe('sent');
        expect(m.inbox).toBeGreaterThanOrEqual(1);
      }
    }, 120_000);
  },
);
