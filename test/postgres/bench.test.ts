/** `npm run bench -- --store postgres` stays runnable: a one-second run against the test server prints the table. */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, cleanup, ensureBuilt, run } from '../cli/proc.js';
import { adminQuery, testPostgres } from '../support/postgres.js';

const pgInfo = testPostgres();

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

describe.skipIf(!pgInfo.available)(
  `bench --store postgres${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    it('prints the send and bind rows beside a pg baseline, and drops its databases', async () => {
      const adminUrl = pgInfo.available ? pgInfo.adminUrl : '';
      const args = [
        '--store',
        'postgres',
        '--database-url',
        adminUrl,
        '--duration',
        '1',
        '--warmup',
        '0',
        '--members',
        '5',
        '--connections',
        '4',
      ];
      const end = await run(args, { script: path.join(ROOT, 'dist/bench/run.js'), timeoutMs: 90_000 });
      expect(end.code).toBe(0);
      expect(end.stdout).toMatch(/resdir benchmark — .*PostgreSQL \d+/);
      expect(end.stdout).toMatch(/^send\s+resdir\s+\d+/m);
      expect(end.stdout).toMatch(/^send\s+resdir\/baseline/m);
      expect(end.stdout).toMatch(/through a pg pool/);
      const left = await adminQuery("select count(*)::int as n from pg_database where datname like 'resdir_bench_%'");
      expect(left.rows).toEqual([{ n: 0 }]);
    }, 120_000);
  },
);
