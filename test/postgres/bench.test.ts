/** `npm run bench -- --store postgres` stays runnable: a quick run against the test server prints the table. */
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
    it('prints the Send and Bind rows beside a pg baseline, and drops its databases', async () => {
      const adminUrl = pgInfo.available ? pgInfo.adminUrl : '';
      const args = ['--store', 'postgres', '--database-url', adminUrl, '--quick', '--offline', '--members', '5'];
      const end = await run(args, { script: path.join(ROOT, 'dist/bench/run.js'), timeoutMs: 300_000 });
      expect(end.code, end.stderr).toBe(0);
      expect(end.stdout).toMatch(/resdir bench — PostgreSQL \d+/);
      expect(end.stdout).toMatch(/^resdir: Send, limits off\s+\d+\s+req\/s/m);
      expect(end.stdout).toMatch(/^resdir: Bind\s+\d+\s+req\/s/m);
      expect(end.stdout).toMatch(/^Send \/ baseline\s+\d+\.\d+x/m);
      expect(end.stderr).not.toMatch(/floor: a Send failed/);
      expect(end.stdout).toMatch(/^floor: Send write set, limits off\s+\d+\s+req\/s.*200:/m);
      expect(end.stdout).toMatch(/^floor: Send write set, limits on\s+\d+\s+req\/s.*200:/m);
      expect(end.stdout).toMatch(/through a pg pool/);
      const left = await adminQuery("select count(*)::int as n from pg_database where datname like 'resdir_bench_%'");
      expect(left.rows).toEqual([{ n: 0 }]);
    }, 320_000);
  },
);
