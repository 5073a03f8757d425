/**
 * The README's "Run with PostgreSQL and several replicas", through the built CLI: migrate,
 * bootstrap once, two `resdir serve` processes on one database with one master key, each
 * answering health as postgres and serving a session started on the other. Plus start-up failures.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cleanup, ensureBuilt, run, start, tempDir } from '../cli/proc.js';
import { createDatabase, testPostgres } from '../support/postgres.js';
import { callOn } from './sdk-outcome.js';

const pgInfo = testPostgres();
const URL_LINE = /resdir listening on (http:\/\/127\.0\.0\.1:(\d+))/;

beforeAll(() => ensureBuilt(), 200_000);
afterEach(() => cleanup());

describe.skipIf(!pgInfo.available)(
  `README: two resdir processes on one PostgreSQL${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    it('migrate, bootstrap, serve twice; a code sent through one process binds through the other', async () => {
      const db = await createDatabase({ empty: true });
      try {
        const env = { RESDIR_DATABASE_URL: db.url, RESDIR_MASTER_KEY: randomBytes(32).toString('base64') };
        const cwd = tempDir();
        const migrated = await run(['migrate'], { env, cwd });
        expect(migrated.stdout).toMatch(/^applied: /m);
        expect((await run(['bootstrap', '--data-dir', '.resdir-a'], { env, cwd })).code).toBe(0);
        const boot = JSON.parse(fs.readFileSync(path.join(cwd, '.resdir-a', 'bootstrap.json'), 'utf8'));

        const a = start(CLI, ['serve', '--port', '0', '--data-dir', '.resdir-a'], { env, cwd });
        const b = start(CLI, ['serve', '--port', '0', '--data-dir', '.resdir-b'], { env, cwd });
        const [, urlA] = await a.waitFor(URL_LINE);
        const [, urlB] = await b.waitFor(URL_LINE);
        for (const url of [urlA!, urlB!]) {
          expect(await (await fetch(`${url}/_resdir/health`)).json()).toMatchObject({
            status: 'ok',
            store: 'postgres',
          });
        }
        const replicaA = { url: urlA!, host: urlA!.slice('http://'.length) };
        const replicaB = { url: urlB!, host: urlB!.slice('http://'.length) };
        const params = { AccountId: boot.member.accountId, SecureMobilePhone: '1-2025550123' };
        expect(await callOn(replicaA, boot.admin, 0, 'SendVerificationCodeForBindSecureMobilePhone', params)).toEqual({
          status: 200,
        });
        let code: string | undefined;
        for (let i = 0; i < 100 && !code; i++) {
          const { messages } = (await (await fetch(`${urlB}/_resdir/sms?to=1-2025550123`)).json()) as {
            messages: Array<{ code: string }>;
          };
          code = messages[0]?.code;
          if (!code) await new Promise((r) => setTimeout(r, 50));
        }
        expect(code).toMatch(/^\d{6}$/);
        expect(
          await callOn(replicaB, boot.admin, 1, 'BindSecureMobilePhone', { ...params, VerificationCode: code! }),
        ).toEqual({ status: 200 });

        for (const p of [a, b]) p.child.kill('SIGTERM');
        for (const p of [a, b]) expect((await p.exited(10_000)).code).toBe(0);
      } finally {
        await db.drop();
      }
    }, 60_000);

    it('a replica with another master key refuses to start, with one line', async () => {
      const db = await createDatabase();
      try {
        const first = await run(['bootstrap', '--data-dir', '.a'], {
          env: { RESDIR_DATABASE_URL: db.url, RESDIR_MASTER_KEY: randomBytes(32).toString('base64') },
        });
        expect(first.code).toBe(0);
        const p = start(CLI, ['serve', '--port', '0'], {
          env: { RESDIR_DATABASE_URL: db.url, RESDIR_MASTER_KEY: randomBytes(32).toString('base64') },
        });
        const end = await p.exited(15_000);
        expect(end.code).toBe(1);
        expect(end.stderr.trim().split('\n')).toHaveLength(1);
        expect(end.stderr).toMatch(/every replica must use the same key/);
      } finally {
        await db.drop();
      }
    }, 30_000);
  },
);

describe('resdir serve with PostgreSQL settings', () => {
  it('an unreachable database stops start-up with one line', async () => {
    const end = await run(['serve', '--port', '0'], {
      env: { RESDIR_DATABASE_URL: 'postgres://resdir@127.0.0.1:1/resdir', RESDIR_DB_STATEMENT_TIMEOUT_MS: '1000' },
    });
    expect(end.code).toBe(1);
    expect(end.stderr.trim().split('\n')).toHaveLength(1);
    expect(end.stderr).toMatch(/database unavailable: .*ECONNREFUSED/);
  });

  it('a bad pool size or statement timeout names the setting', async () => {
    for (const [name, value] of [
      ['RESDIR_DB_POOL_SIZE', '0'],
      ['RESDIR_DB_STATEMENT_TIMEOUT_MS', 'soon'],
    ] as const) {
      const end = await run(['serve', '--port', '0'], { env: { [name]: value } });
      expect(end.code).toBe(2);
      expect(end.stderr).toMatch(new RegExp(`${name}="${value}"`));
    }
  });
});
