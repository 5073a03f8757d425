/**
 * Fills resdir's database with `members` ResourceAccount members (copies of the demo member, in
 * the demo directory) and `audit` audit events, with bulk INSERT … SELECT statements in one
 * transaction: seconds for 100k members and 1M audit rows. Member ids are `2` + 15 digits.
 * Returns the new members' account ids. Only rows: the accounts are indistinguishable from
 * members created through the API, which the bench never needs to tell apart.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

export const benchMemberId = (i: number): string => `2${String(i).padStart(15, '0')}`;

const SQLITE = {
  accounts: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO accounts (id, account_name, display_name, secure_mobile_phone, secure_mobile_bound_at, created_at)
    SELECT printf('2%015d', i), printf('bench%d.', i) || a.account_name, printf('bench member %d', i), NULL, NULL,
      a.created_at FROM n, accounts a WHERE a.id = ?`,
  members: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO members (account_id, directory_id, folder_id, type, join_method, status, display_name, join_time,
      modify_time)
    SELECT printf('2%015d', i), m.directory_id, m.folder_id, m.type, m.join_method, m.status,
      printf('bench member %d', i), m.join_time, m.modify_time FROM n, members m WHERE m.account_id = ?`,
  audit: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
    INSERT INTO audit_events (id, time, request_id, action, version, principal_arn, caller_account_id, access_key_id,
      source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
    SELECT printf('%012x%016x', ? - i * 10, i), ? - i * 10, printf('BENCH-%012d', i),
      'SendVerificationCodeForBindSecureMobilePhone', '2020-03-31', 'acs:ram::1:user/bench', '1', 'bench', '127.0.0.1',
      printf('2%015d', 1 + i % ?), '65-9****00', 'OK', NULL, NULL FROM n`,
};

const PG = {
  accounts: `INSERT INTO accounts (id, account_name, display_name, secure_mobile_phone, secure_mobile_bound_at,
      created_at)
    SELECT '2' || lpad(i::text, 15, '0'), 'bench' || i || '.' || a.account_name, 'bench member ' || i, NULL, NULL,
      a.created_at FROM generate_series(1, $1::int) i, accounts a WHERE a.id = $2`,
  members: `INSERT INTO members (account_id, directory_id, folder_id, type, join_method, status, display_name,
      join_time, modify_time)
    SELECT '2' || lpad(i::text, 15, '0'), m.directory_id, m.folder_id, m.type, m.join_method, m.status,
      'bench member ' || i, m.join_time, m.modify_time FROM generate_series(1, $1::int) i, members m
    WHERE m.account_id = $2`,
  audit: `INSERT INTO audit_events (id, time, request_id, action, version, principal_arn, caller_account_id,
      access_key_id, source_ip, target_account_id, phone_masked, result_code, outbox_message_id, detail)
    SELECT lpad(to_hex($2::bigint - i * 10), 12, '0') || lpad(to_hex(i), 16, '0'), $2::bigint - i * 10,
      'BENCH-' || lpad(i::text, 12, '0'), 'SendVerificationCodeForBindSecureMobilePhone', '2020-03-31',
      'acs:ram::1:user/bench', '1', 'bench', '127.0.0.1', '2' || lpad((1 + i % $3::int)::text, 15, '0'),
      '65-9****00', 'OK', NULL, NULL FROM generate_series(1, $1::int) i`,
};

export async function prefill(
  databaseUrl: string,
  template: string,
  members: number,
  audit: number,
  now = Date.now(),
): Promise<string[]> {
  if (databaseUrl.startsWith('sqlite:')) {
    const db = new Database(databaseUrl.slice('sqlite:'.length));
    db.pragma('busy_timeout = 30000');
    try {
      db.transaction(() => {
        db.prepare(SQLITE.accounts).run(members, template);
        db.prepare(SQLITE.members).run(members, template);
        if (audit > 0) db.prepare(SQLITE.audit).run(audit, now, now, members);
      })();
    } finally {
      db.close();
    }
  } else {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query(PG.accounts, [members, template]);
      await c.query(PG.members, [members, template]);
      if (audit > 0) await c.query(PG.audit, [audit, now, members]);
      await c.query('COMMIT');
      await c.query('ANALYZE');
    } finally {
      await c.end();
    }
  }
  return Array.from({ length: members }, (_, i) => benchMemberId(i + 1));
}
