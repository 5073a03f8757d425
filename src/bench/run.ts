/**
 * `npm run bench`: one table, from one run, of resdir beside what it should be judged against
 * (docs/bench.md explains every row):
 *   baseline     bare node:http + one INSERT and one SELECT per request
 *   floor        bare node:http doing exactly resdir's Send write set, raw statements, group commit
 *                on SQLite, one data-modifying CTE per Send on PostgreSQL (limits off and on)
 *   resdir       Send (limits off; limits on with every cap raised), Bind
 *   better-auth  its phone-number plugin's send-otp and verify (installed on demand, peers.ts)
 *   start        npm start / node dist/main.js → healthy, idle RSS; RSS after load
 *   micro        µs to parse and verify one V1 / ACS3 request
 * Every request is pre-signed V1 (or pre-built), every Send goes to a fresh number. No pass/fail.
 * Flags: --duration <s> (10) --warmup <s> (2) --connections <n> (50) --members <n> (1000; the
 *        limits-off run has at least 3000, one Bind each)
 *        --audit <n> (0, or 10 × members above 1000) --store sqlite|postgres (sqlite)
 *        --database-url <postgres admin URL> (default: a throwaway server)
 *        --quick (60 requests per run unless --duration, 8 connections, 20 members: for tests)
 *        --offline (never install the peer; its rows print n/a when it is missing)
 * With --members above 1000, Send is also measured at 1000 members and the p99 ratio is printed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type BenchDatabases, benchDatabases } from './databases.js';
import type { Measurement } from './load.js';
import { microFront } from './micro.js';
import { ensurePeer } from './peers.js';
import { type Ctx, peerRun, plainRun, resdirRun, runText } from './scenarios.js';
import { medianStart, startToHealthy } from './startup.js';
import { startFlags } from './node-flags.js';
import { fmt, loadRow, type Row, ratioRow, renderTable, valueRow } from './table.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    members: { type: 'string' },
    audit: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
    quick: { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
  },
});
const quick = values.quick!;
const num = (name: 'duration' | 'warmup' | 'connections' | 'members' | 'audit', fallback: number, min: number) => {
  const raw = values[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} must be a whole number >= ${min} (got ${raw})`);
    process.exit(2);
  }
  return n;
};
const duration = num('duration', quick ? 1 : 10, 1);
const warmup = num('warmup', quick ? 0 : 2, 0);
const connections = num('connections', quick ? 8 : 50, 1);
const members = num('members', quick ? 20 : 1000, 1);
const audit = num('audit', members > 1000 ? members * 10 : 0, 0);
// Bind is measured over 3000 requests (fewer and one stall moves the ratio by a tenth). A member has
// one live code at a time, so each binds once: the limits-off run has at least as many members.
const bindCount = quick ? Math.min(members, 20) : 3000;
const offMembers = Math.max(members, bindCount);

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-bench-logs-'));
const log = (s: string): void => console.error(`bench: ${s}`);
const ctx: Ctx = {
  connections,
  duration,
  warmup,
  logDir,
  log,
  rate: 6000,
  ...(quick && values.duration === undefined ? { amount: 60 } : {}),
};
let dbs: BenchDatabases | undefined;

try {
  dbs = await benchDatabases(values.store!, values['database-url'], log);

  const flags = startFlags();
  log(`resdir servers run with the node flags of npm start: ${flags.join(' ') || '(none)'}`);
  log('start-up: node dist/main.js and npm start → healthy');
  const startDir = fs.mkdtempSync(path.join(logDir, 'start-'));
  // RSS is read from node itself, run with the flags of `npm start` (npm would be the process measured).
  const served = ['node', ...flags, 'dist/main.js'];
  const first = await startToHealthy(served, startDir, { idleMs: quick ? 500 : 3000 });
  const runs = quick ? 1 : 3;
  const nodeStart = await medianStart(['node', 'dist/main.js'], startDir, runs);
  const npmStart = await medianStart(['npm', 'start', '--silent'], startDir, runs);
  // At rest: a server restarted on its data dir (the first start also issues its TLS certificates).
  const rested = await startToHealthy(served, startDir, { idleMs: quick ? 500 : 3000 });
  fs.rmSync(startDir, { recursive: true, force: true });

  log('micro-benchmarks of the front');
  const micro = microFront(quick ? 200 : 1000);

  const baseline = await plainRun(ctx, dbs.baselineScript, await dbs.fresh(), 'baseline');
  const floorScript = dbs.postgres ? './floor-pg.js' : './floor-server.js';
  const floorOff = await plainRun(ctx, floorScript, await dbs.fresh(), 'floor');
  const floorOn = await plainRun(ctx, floorScript, { FLOOR_LIMITS: 'on', ...(await dbs.fresh()) }, 'floor-limits');

  const peerMissing = ensurePeer(values.offline!, log);
  const peer = peerMissing ? undefined : await peerRun(ctx, await dbs.fresh(), bindCount);

  const sized = { BENCH_MEMBERS: String(members), BENCH_AUDIT: String(audit) };
  log(`resdir with ${members} members and ${audit} audit events`);
  const offSized = { ...sized, BENCH_MEMBERS: String(offMembers) };
  const off = await resdirRun(ctx, { ...offSized, BENCH_LIMITS: 'off', ...(await dbs.fresh()) }, 'resdir', bindCount);
  const on = await resdirRun(ctx, { ...sized, BENCH_LIMITS: 'on', ...(await dbs.fresh()) }, 'resdir-limits', 0);
  const small =
    members > 1000
      ? await resdirRun(ctx, { BENCH_MEMBERS: '1000', BENCH_LIMITS: 'off', ...(await dbs.fresh()) }, 'resdir-1k', 0)
      : undefined;

  const rps = (m: Measurement | undefined) => m?.rps;
  const p99 = (m: Measurement | undefined) => m?.p99;
  const peerWhy = peerMissing ? `better-auth ${peerMissing}` : '';
  const rows: Array<Row | 'gap'> = [
    loadRow('baseline: node:http + INSERT + SELECT', baseline),
    loadRow('floor: Send write set, limits off', floorOff),
    loadRow('floor: Send write set, limits on', floorOn),
    loadRow('better-auth: send-otp', peer?.sendOtp, peerWhy),
    loadRow('better-auth: verify', peer?.verify, peerWhy),
    loadRow('resdir: Send, limits off', off.send),
    loadRow('resdir: Send, limits on (caps raised)', on.send),
    loadRow('resdir: Bind', off.bind),
    ...(small ? [loadRow('resdir: Send, limits off, 1000 members', small.send)] : []),
    'gap',
    ratioRow('Send / better-auth send-otp', rps(off.send), rps(peer?.sendOtp), 'target >= 4x'),
    ratioRow('Send limits on / better-auth send-otp', rps(on.send), rps(peer?.sendOtp), 'target >= 3x'),
    ratioRow('Send / floor', rps(off.send), rps(floorOff), 'target >= 0.7x'),
    ratioRow('Send limits on / floor limits on', rps(on.send), rps(floorOn)),
    ratioRow('Bind / better-auth verify', rps(off.bind), rps(peer?.verify), 'target >= 10x'),
    ratioRow('Send / baseline', rps(off.send), rps(baseline), dbs.postgres ? 'target >= 0.5x' : ''),
    ratioRow('Send p99 / better-auth send-otp p99', p99(off.send), p99(peer?.sendOtp), 'lower is better'),
    ...(small
      ? [ratioRow(`Send p99 at ${members} members / at 1000`, p99(off.send), p99(small.send), 'target <= 1.3x')]
      : []),
    'gap',
    valueRow('start: npm start → healthy', npmStart, 'ms', `built; median of ${runs}; target <= 1000`),
    valueRow('start: node dist/main.js → healthy', nodeStart, 'ms', `median of ${runs}; target <= 300`),
    valueRow('start: first start → healthy', first.ms, 'ms', 'empty data dir: migrations + demo world'),
    valueRow(
      'resdir RSS idle',
      rested.rssMiB,
      'MiB',
      'restarted with npm start flags, 3 s after healthy; target <= 80',
      1,
    ),
    valueRow('resdir RSS idle, first start', first.rssMiB, 'MiB', 'the first start: migrations, demo world, TLS', 1),
    valueRow('resdir RSS after load', off.rssAfter, 'MiB', `after the limits-off Send run; target <= 120`, 1),
    'gap',
    valueRow('micro: parse + verify V1', micro.v1, 'µs', 'per request, in-process', 1),
    valueRow('micro: parse + verify ACS3', micro.acs3, 'µs', 'per request, in-process', 1),
  ];
  const cpus = os.cpus();
  console.log(
    `\nresdir bench — ${dbs.label}; ${connections} connections, ${runText(ctx)} per run; ` +
      `${members} members (${offMembers} in the limits-off run, for Bind), ${audit} audit events; ` +
      `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ` +
      `Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => fmt(l))
        .join(' ')}`,
  );
  console.log(renderTable(rows));
  console.log(`\nbaseline: ${dbs.baselineLabel}.`);
} finally {
  await dbs?.close();
  const logs = fs.readdirSync(logDir).filter((f) => fs.statSync(path.join(logDir, f)).size > 0);
  if (logs.length === 0) fs.rmSync(logDir, { recursive: true, force: true });
  else log(`server output kept in ${logDir}: ${logs.join(', ')}`);
}
