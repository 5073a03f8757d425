/**
 * `npm run bench`: loads resdir (child process, temp SQLite file, limits off, log level warn)
 * with autocannon and prints req/s and p50/p99 latency beside a BASELINE measured in the same run
 * (bare Fastify 5 + one better-sqlite3 INSERT and SELECT per request, same autocannon settings).
 *   send  — SendVerificationCodeForBindSecureMobilePhone round-robin over many members, for a duration
 *   bind  — BindSecureMobilePhone once per member that got a code (codes read from the inbox), fixed count
 * Every request is ACS3-signed when it is built (fresh nonce and timestamp). No pass/fail: exits 0.
 * Flags: --duration <s> (10) --connections <n> (32) --members <n> (2000) --warmup <s> (2)
 *        --store sqlite|postgres (sqlite) --database-url <postgres admin URL> (default: a throwaway server)
 * With --store postgres both servers run on PostgreSQL (databases.ts) and the baseline goes through `pg`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer, type BenchServer } from './child.js';
import { load, type Measurement } from './load.js';
import { signAcs3, type SignedRequest } from './sign.js';
import { newestCodes, type Target } from './inbox.js';
import { renderTable, type Scenario } from './table.js';
import { benchDatabases, type BenchDatabases } from './databases.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    members: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '2' },
    store: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
  },
});
const num = (name: keyof typeof values, min: number): number => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} must be a whole number >= ${min} (got ${values[name]})`);
    process.exit(2);
  }
  return n;
};
const duration = num('duration', 1);
const connections = num('connections', 1);
const memberCount = num('members', 1);
const warmup = num('warmup', 0);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-logs-'));
const log = (s: string): void => console.error(`bench: ${s}`);
const servers: BenchServer[] = [];
let dbs: BenchDatabases | undefined;

try {
  dbs = await benchDatabases(values.store!, values['database-url'], log);
  log(`starting resdir with ${memberCount} members and the baseline (logs in ${logDir})`);
  const resdir = await startServer(
    './resdir-server.js',
    { BENCH_MEMBERS: String(memberCount), ...dbs.resdirEnv },
    path.join(logDir, 'resdir.log'),
  );
  servers.push(resdir);
  const baseline = await startServer(dbs.baselineScript, dbs.baselineEnv, path.join(logDir, 'baseline.log'));
  servers.push(baseline);
  const { boot, members } = resdir.ready;
  if (!boot || !members) throw new Error('resdir child sent no bootstrap');
  const host = resdir.ready.url.replace(/^http:\/\//, '');
  const creds = { accessKeyId: boot.admin.accessKeyId, accessKeySecret: boot.admin.accessKeySecret };
  const targets: Target[] = members.map((accountId, i) => ({ accountId, phone: `65-${91000000 + i}` }));

  let cursor = 0;
  const nextSend = (): SignedRequest => {
    const t = targets[cursor++ % targets.length]!;
    const params = { AccountId: t.accountId, SecureMobilePhone: t.phone };
    return signAcs3({
      host,
      action: 'SendVerificationCodeForBindSecureMobilePhone',
      version: '2020-03-31',
      params,
      ...creds,
    });
  };
  const both = async (
    opts: { duration?: number; amount?: number },
    next: () => SignedRequest,
  ): Promise<{ resdir: Measurement; baseline: Measurement }> => {
    const b = await load({ url: baseline.ready.url, connections, ...opts, next });
    const r = await load({ url: resdir.ready.url, connections, ...opts, next });
    return { resdir: r, baseline: b };
  };

  let accepted = 0; // sends resdir answered 200, warm-up included: each queued one SMS
  if (warmup > 0) {
    log(`warm-up ${warmup} s each`);
    accepted += (await both({ duration: warmup }, nextSend)).resdir.statuses['200'] ?? 0;
  }
  log(`send: ${duration} s each, ${connections} connections`);
  const send = await both({ duration }, nextSend);

  log('reading the codes from the inbox');
  accepted += send.resdir.statuses['200'] ?? 0;
  const { codes, delivered } = await newestCodes(resdir.ready.url, targets, accepted);
  log(
    `${delivered} SMS delivered for ${accepted} accepted sends (warm-up included); ${codes.size} members have a code`,
  );
  const binds = targets.filter((t) => codes.has(t.accountId));
  let b = 0;
  const nextBind = (): SignedRequest => {
    const t = binds[b++ % binds.length]!;
    const params = { AccountId: t.accountId, SecureMobilePhone: t.phone, VerificationCode: codes.get(t.accountId)! };
    return signAcs3({ host, action: 'BindSecureMobilePhone', version: '2020-03-31', params, ...creds });
  };
  const scenarios: Scenario[] = [{ name: 'send', ...send }];
  if (binds.length > 0) {
    log(`bind: ${binds.length} requests each`);
    // The baseline runs first and consumes the same generator; rewind it for resdir.
    const base = await load({ url: baseline.ready.url, connections, amount: binds.length, next: nextBind });
    b = 0;
    const res = await load({ url: resdir.ready.url, connections, amount: binds.length, next: nextBind });
    scenarios.push({ name: 'bind', resdir: res, baseline: base });
  }

  console.log(
    `\nresdir benchmark — ${connections} connections, send ${duration} s, ${memberCount} members, ${dbs.label}, limits off`,
  );
  console.log(renderTable(scenarios));
  console.log(`\nbaseline: bare Fastify 5 route, ${dbs.baselineLabel}.`);
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  await dbs?.close();
  const logs = fs.readdirSync(logDir).filter((f) => fs.statSync(path.join(logDir, f)).size > 0);
  if (logs.length === 0) fs.rmSync(logDir, { recursive: true, force: true });
  else log(`server output kept in ${logDir}: ${logs.join(', ')}`);
}
