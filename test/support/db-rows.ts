/**
 * Reads a resdir database behind the store's back, on either dialect, for tests that check what is
 * really stored: `queryRows` (PostgreSQL-style $1 placeholders, also on SQLite) and `dumpTables`.
 */
import Database from 'better-sqlite3';
import pg from 'pg';

const isPostgres = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export async function queryRows(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<Array<Record<string, unknown>>> {
  if (isPostgres(url)) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(text, params)).rows as Array<Record<string, unknown>>;
    } finally {
      await c.end();
    }
  }
  const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(text.replace(/\$\d+/g, '?')).all(...params) as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

/** Every table of the database as JSON text, by table name. */
export async function dumpTables(url: string): Promise<Record<string, string>> {
  const names = isPostgres(url)
    ? await queryRows(
        url,
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = " +
          "'BASE TABLE'",
      )
    : await queryRows(url, "select name from sqlite_master where type = 'table'");
  const dumps: Record<string, string> = {};
  for (const { name } of names)
    dumps[String(name)] = JSON.stringify(await queryRows(url, `select * from "${String(name)}"`));
  return dumps;
}

/**
 * A file-backed SQLite URL, or (in the e2e-postgres project) undefined to let the harness pick a fresh PostgreSQL
 * database.
 */
export function inspectableDatabaseUrl(sqliteFile: string): string | undefined {
  return process.env.RESDIR_TEST_DATABASE === 'postgres' ? undefined : `sqlite:${sqliteFile}`;
}

/** Runs statements against a resdir database behind the store's back (for fault injection). */
export async function execSql(url: string, text: string): Promise<void> {
  if (isPostgres(url)) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
    return;
  }
  const db = new Database(url.replace(/^sqlite:/, ''), { fileMustExist: true });
  try {
    db.exec(text);
  } finally {
    db.close();
  }
}
