/**
 * LookupEvents (ActionTrail 2020-07-06 shape) over the audit records, through openapi-core and
 * pop-core: RAM action actiontrail:LookupEvents, filters, newest first (or oldest first with
 * Direction=FORWARD), NextToken paging, the
 * caller's account only, parameter errors; and `resdir audit` (table and --json) on the same data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../support/harness.js';
import { inspectableDatabaseUrl } from '../support/db-rows.js';
import { coreClient, popClient, type Creds } from '../support/clients.js';
import { addAccountWithDirectory, addRamUser, addResourceAccountMember } from '../support/principals.js';
import { registerAuditCommand } from '../../src/cli/audit.js';

const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';
const V = '2020-07-06';

type Event = Record<string, unknown> & {
  eventId: string;
  eventName: string;
  eventTime: string;
  errorCode?: string;
  userIdentity: Record<string, string>;
  requestParameters: Record<string, string>;
};

let h: Harness;
let dir: string;
let auditor: Creds;
let member: string;
let code: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-lookup-'));
  const dbUrl = inspectableDatabaseUrl(path.join(dir, 'resdir.db')); // PostgreSQL in the e2e-postgres project
  h = await startResdir(dbUrl ? { env: { RESDIR_DATABASE_URL: dbUrl } } : {});
  auditor = await addRamUser(h, { name: 'auditor', policies: ['AliyunActionTrailReadOnlyAccess'] });
  member = await addResourceAccountMember(h);
  const core = coreClient(h.host, h.boot.admin);
  await core.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550401' });
  code = (await waitForSms(h, '1-2025550401')).code;
  await core.call(SEND, { AccountId: member, SecureMobilePhone: '1-2025550401' }).catch(() => undefined);
  await core
    .call(BIND, {
      AccountId: member,
      SecureMobilePhone: '1-2025550401',
      VerificationCode: code === '000000' ? '111111' : '000000',
    })
    .catch(() => undefined);
  await core.call('GetAccount', { AccountId: member });
  // Another directory's admin: its events are not the auditor's to see.
  const other = await addAccountWithDirectory(h);
  await coreClient(h.host, other.admin).call('GetAccount', { AccountId: other.memberAccountId });
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const lookup = async (q: Record<string, string>, creds: Creds = auditor) =>
  (await coreClient(h.host, creds).call('LookupEvents', q, V)) as {
    Events: Event[];
    NextToken?: string;
    StartTime: string;
    EndTime: string;
  };
const attrs = (...kv: Array<[string, string]>): Record<string, string> =>
  Object.fromEntries(
    kv.flatMap(([k, v], i) => [
      [`LookupAttribute.${i + 1}.Key`, k],
      [`LookupAttribute.${i + 1}.Value`, v],
    ]),
  );

describe('LookupEvents', () => {
  it('needs actiontrail:LookupEvents: the directory admin is refused, the auditor and root are allowed', async () => {
    const e = (await lookup({}, h.boot.admin).then(
      () => undefined,
      (x: unknown) => x,
    )) as { statusCode: number; data: { Code: string; Message: string } };
    expect([e.statusCode, e.data.Code]).toEqual([403, 'NoPermission']);
    expect(e.data.Message).toContain('actiontrail:LookupEvents');
    expect((await lookup({}, h.boot.root)).Events.length).toBeGreaterThan(0);
  });

  it('lists the account’s events newest first, in ActionTrail’s shape, never a code', async () => {
    const page = await lookup({ MaxResults: '50' });
    const names = page.Events.map((e) => e.eventName);
    expect(names).toContain(SEND);
    expect(names).toContain(BIND);
    const times = page.Events.map((e) => Date.parse(e.eventTime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(page.Events.every((e) => e.userIdentity.accountId === h.boot.managementAccountId)).toBe(true);
    const sent = page.Events.find((e) => e.eventName === SEND && e.errorCode === undefined)!;
    expect(sent).toMatchObject({
      eventType: 'ApiCall',
      eventRW: 'Write',
      serviceName: 'ResourceManager',
      resourceName: member,
      userIdentity: { type: 'ram-user', userName: 'rd-admin' },
      requestParameters: { AccountId: member, SecureMobilePhone: '1-202****401' },
    });
    expect(JSON.stringify(page)).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
    expect(page.StartTime).toMatch(/Z$/);
  });

  it('filters by action, result code, target, user; filters combine', async () => {
    const sends = await lookup(attrs(['EventName', SEND]));
    expect(sends.Events.map((e) => e.eventName)).toEqual([SEND, SEND]);
    const refused = await lookup(attrs(['ErrorCode', 'SendValidateCodeExceedsLimitForAccount']));
    expect(refused.Events).toHaveLength(1);
    expect((refused.Events[0]!.additionalEventData as Record<string, string>).detail).toBe('limit:cooldown');
    const ok = await lookup(attrs(['EventName', SEND], ['ErrorCode', 'OK']));
    expect(ok.Events).toHaveLength(1);
    expect((await lookup(attrs(['ResourceName', member]))).Events.length).toBe(4);
    expect((await lookup(attrs(['User', 'rd-admin'], ['EventName', 'GetAccount']))).Events).toHaveLength(1);
    expect((await lookup(attrs(['User', 'nobody']))).Events).toHaveLength(0);
  });

  it('pages with MaxResults and NextToken until the end; pop-core (V1 signature) sees the same', async () => {
    const all = (await lookup({ MaxResults: '50' })).Events.map((e) => e.eventId);
    const paged: string[] = [];
    let token: string | undefined;
    do {
      const page = await lookup({ MaxResults: '2', ...(token ? { NextToken: token } : {}) });
      expect(page.Events.length).toBeLessThanOrEqual(2);
      paged.push(...page.Events.map((e) => e.eventId));
      token = page.NextToken;
    } while (token);
    // every page call is itself audited, so the paged walk may include newer LookupEvents records
    expect(paged.slice(-all.length)).toEqual(all);
    const pop = (await popClient(h.url, auditor, V).call('LookupEvents', attrs(['EventName', SEND]), 'POST')) as {
      Events: Event[];
    };
    expect(pop.Events).toHaveLength(2);
  });

  it('Direction=FORWARD lists and pages oldest first; BACKWARD is the default order', async () => {
    const filter = attrs(['EventName', SEND]);
    const newest = (await lookup({ ...filter, Direction: 'BACKWARD' })).Events.map((e) => e.eventId);
    expect(newest).toEqual((await lookup(filter)).Events.map((e) => e.eventId));
    const first = await lookup({ ...filter, Direction: 'FORWARD', MaxResults: '1' });
    expect(first.Events.map((e) => e.eventId)).toEqual([newest[1]]);
    const second = await lookup({ ...filter, Direction: 'FORWARD', MaxResults: '1', NextToken: first.NextToken! });
    expect(second.Events.map((e) => e.eventId)).toEqual([newest[0]]);
    expect(second.NextToken).toBeUndefined();
  });

  it('refuses bad parameters with the documented codes', async () => {
    const code = async (q: Record<string, string>) =>
      (
        (await lookup(q).then(
          () => undefined,
          (x: unknown) => x,
        )) as { data: { Code: string } } | undefined
      )?.data.Code;
    expect(await code({ MaxResults: '51' })).toBe('InvalidParameter.MaxResults');
    expect(await code({ StartTime: '2026-11-29' })).toBe('InvalidParameter.StartTime');
    expect(await code({ StartTime: '2026-11-29T10:00:00Z', EndTime: '2026-11-29T09:00:00Z' })).toBe(
      'InvalidParameter.StartTime',
    );
    expect(await code({ EndTime: 'yesterday' })).toBe('InvalidParameter.EndTime');
    expect(await code({ NextToken: 'not-a-token' })).toBe('InvalidParameter.NextToken');
    expect(await code({ Direction: 'SIDEWAYS' })).toBe('InvalidParameter.Direction');
    expect(await code(attrs(['Bogus', 'x']))).toBe('InvalidParameter.LookupAttribute');
    expect((await lookup({ StartTime: '2099-01-01T00:00:00Z', EndTime: '2099-01-02T00:00:00Z' })).Events).toEqual([]);
  });
});

describe('append-only', () => {
  it('the store offers no edit or delete of audit records besides the retention sweep', () => {
    expect(Object.keys(h.app.store.audit).sort()).toEqual(['append', 'recent']);
    expect(Object.keys(h.app.store.auditLog).sort()).toEqual(['lookup', 'purgeBefore']);
  });
});

describe('resdir audit', () => {
  async function run(args: string[]): Promise<string> {
    const out: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void out.push(String(s)));
    try {
      const cmd = new Command('audit').exitOverride().option('--data-dir <value>').option('--database-url <value>');
      await registerAuditCommand(cmd).parseAsync(
        ['--data-dir', dir, '--database-url', h.app.settings.databaseUrl, ...args],
        { from: 'user' },
      );
    } finally {
      spy.mockRestore();
    }
    return out.join('\n');
  }

  it('prints a table, newest first, with the same filters', async () => {
    const table = await run(['--action', SEND]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTION\s+RESULT\s+PRINCIPAL\s+TARGET\s+PHONE\s+IP\s+DETAIL$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[2])).toEqual(['SendValidateCodeExceedsLimitForAccount', 'OK']);
    expect(table).toContain('1-202****401');
  });

  it('prints JSON with --json, every account unless --caller-account, and pages', async () => {
    const all = JSON.parse(await run(['--json'])) as { events: Event[] };
    expect(new Set(all.events.map((e) => e.userIdentity.accountId)).size).toBe(2);
    const mine = JSON.parse(await run(['--json', '--caller-account', h.boot.managementAccountId, '--limit', '2'])) as {
      events: Event[];
      nextToken?: string;
    };
    expect(mine.events).toHaveLength(2);
    expect(mine.nextToken).toBeDefined();
    const next = JSON.parse(
      await run([
        '--json',
        '--caller-account',
        h.boot.managementAccountId,
        '--limit',
        '2',
        '--next-token',
        mine.nextToken!,
      ]),
    ) as { events: Event[] };
    expect(next.events[0]!.eventId < mine.events[1]!.eventId).toBe(true);
  });
});
