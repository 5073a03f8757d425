/**
 * A mutating operation commits together with its audit record: when the record cannot be written,
 * the change does not happen either, and the caller is told the call failed.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ramClient, ramModels as M } from '../support/clients.js';
import { execSql, queryRows } from '../support/db-rows.js';
import { type Harness, startResdir } from '../support/harness.js';
import { refusedWith } from '../support/sdk-error.js';

const onPostgres = process.env.RESDIR_TEST_DATABASE === 'postgres';

const FAIL_CREATE_USER_AUDIT = onPostgres
  ? `create function resdir_test_fail() returns trigger as $$ begin raise exception 'injected'; end $$ language plpgsql;
     create trigger resdir_test_fail before insert on audit_events for each row
       when (new.action = 'CreateUser') execute function resdir_test_fail();`
  : `create trigger resdir_test_fail before insert on audit_events when new.action = 'CreateUser'
       begin select raise(abort, 'injected'); end;`;
const LIFT = onPostgres
  ? 'drop trigger resdir_test_fail on audit_events; drop function resdir_test_fail();'
  : 'drop trigger resdir_test_fail;';

let h: Harness;
let url: string;
beforeAll(async () => {
  const env: Record<string, string> = {};
  if (!onPostgres) env.RESDIR_DATABASE_URL = `sqlite:${path.join(await tmpDir(), 'resdir.db')}`;
  h = await startResdir({ env });
  url = h.app.settings.databaseUrl;
});
afterAll(() => h.close());

async function tmpDir(): Promise<string> {
  const { mkdtemp } = await import('node:fs/promises');
  const os = await import('node:os');
  return mkdtemp(path.join(os.tmpdir(), 'resdir-audit-'));
}

describe('audit records commit with the change they record', () => {
  it('a CreateUser whose audit record fails leaves no user, and answers an error', async () => {
    const ram = ramClient(h.host, h.boot.root);
    await execSql(url, FAIL_CREATE_USER_AUDIT);
    const e = await ram.createUser(new M.CreateUserRequest({ userName: 'ghost' })).then(
      () => undefined,
      (x: { statusCode?: number }) => x,
    );
    expect(e?.statusCode).toBeGreaterThanOrEqual(500);
    await refusedWith(ram.getUser(new M.GetUserRequest({ userName: 'ghost' })), 'EntityNotExist.User', 404);

    await execSql(url, LIFT);
    const made = await ram.createUser(new M.CreateUserRequest({ userName: 'ghost' }));
    expect(made.body.user?.userName).toBe('ghost');
    const rows = await queryRows(url, "select result_code from audit_events where action = 'CreateUser'");
    expect(rows.map((r) => r.result_code)).toEqual(['OK']);
  });
});
