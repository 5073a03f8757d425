/**
 * `npm run bench -- --quick` runs end to end and prints one table with every row. Timings are
 * never asserted: only that the rows exist and that the ratios and start-up figures are numbers.
 * It never installs the better-auth peer (--offline: no network in tests); when the peer is not
 * installed in .bench/peers/better-auth, its rows and ratios must say so instead of a number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, ensureBuilt, run } from './proc.js';

const peer = fs.existsSync(path.join(ROOT, '.bench/peers/better-auth/node_modules/better-auth'));

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

const LOAD_ROWS = [
  'baseline: node:http + INSERT + SELECT',
  'floor: Send write set, limits off',
  'floor: Send write set, limits on',
  'resdir: Send, limits off',
  'resdir: Send, limits on (caps raised)',
  'resdir: Bind',
];
const PEER_ROWS = ['better-auth: send-otp', 'better-auth: verify'];
const RATIOS = ['Send / floor', 'Send limits on / floor limits on', 'Send / baseline'];
const PEER_RATIOS = [
  'Send / better-auth send-otp',
  'Send limits on / better-auth send-otp',
  'Bind / better-auth verify',
  'Send p99 / better-auth send-otp p99',
];
const VALUES = [
  ['start: npm start → healthy', 'ms'],
  ['start: node dist/main.js → healthy', 'ms'],
  ['start: first start → healthy', 'ms'],
  ['resdir RSS idle', 'MiB'],
  ['resdir RSS after load', 'MiB'],
  ['micro: parse + verify V1', 'µs'],
  ['micro: parse + verify ACS3', 'µs'],
] as const;

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NUM = '\\d+(?:\\.\\d+)?';

describe(`bench --quick (better-auth peer ${peer ? 'installed' : 'NOT installed: its rows must say n/a'})`, () => {
  it('prints one table with every row; ratios and figures are numbers', async () => {
    const end = await run(['--quick', '--offline'], {
      script: path.join(ROOT, 'dist/bench/run.js'),
      timeoutMs: 400_000,
    });
    expect(end.code, end.stderr).toBe(0);
    const out = end.stdout;
    expect(out).toMatch(/resdir bench — SQLite file \(WAL\); 8 connections/);
    for (const name of LOAD_ROWS)
      expect(out).toMatch(new RegExp(`^${esc(name)}\\s+${NUM}\\s+req/s\\s+${NUM}\\s+${NUM}`, 'm'));
    for (const name of RATIOS) expect(out).toMatch(new RegExp(`^${esc(name)}\\s+${NUM}x\\s+ratio`, 'm'));
    for (const [name, unit] of VALUES) expect(out).toMatch(new RegExp(`^${esc(name)}\\s+${NUM}\\s+${unit}`, 'm'));
    for (const name of PEER_ROWS)
      expect(out).toMatch(
        new RegExp(`^${esc(name)}\\s+${peer ? `${NUM}\\s+req/s` : 'n/a\\s+req/s.*not installed'}`, 'm'),
      );
    for (const name of PEER_RATIOS)
      expect(out).toMatch(new RegExp(`^${esc(name)}\\s+${peer ? `${NUM}x` : 'n/a'}`, 'm'));
    expect(out).not.toMatch(/floor: a Send failed/);
    expect(end.stderr).not.toMatch(/floor: a Send failed/);
  }, 420_000);
});
