/**
 * Vitest global setup: one throwaway PostgreSQL for the whole run (see src/tools/throwaway-postgres.ts), with a
 * migrated template database that tests clone. RESDIR_TEST_POSTGRES_URL (an admin URL such as
 * postgres://postgres@127.0.0.1:5432/postgres) uses an existing server instead. When neither is
 * available the PostgreSQL suites are skipped and say so.
 *
 * Several projects may run this setup; they share one server (refcounted on globalThis).
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/store/open.js';
import { findPostgresBin, startPgServer, type PgServer } from '../../src/tools/throwaway-postgres.js';
import { TEMPLATE_DB, type TestPostgres } from './postgres.js';

interface Shared {
  ready: Promise<{ info: TestPostgres; server?: PgServer }>;
  users: number;
}
const holder = globalThis as { __resdirTestPostgres?: Shared };

async function prepare(): Promise<{ info: TestPostgres; server?: PgServer }> {
  let adminUrl = process.env.RESDIR_TEST_POSTGRES_URL;
  let server: PgServer | undefined;
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin) {
      const reason =
        'no PostgreSQL 15+ binaries (initdb, pg_ctl, postgres) found; install postgresql-15 or set ' +
        'RESDIR_TEST_PG_BIN / RESDIR_TEST_POSTGRES_URL';
      console.warn(`\n*** PostgreSQL tests SKIPPED: ${reason}\n`);
      return { info: { available: false, reason } };
    }
    server = await startPgServer(bin);
    adminUrl = server.url('postgres');
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  const { store } = await openStore(templateUrl.toString());
  await store.close();
  return { info: { available: true, adminUrl }, ...(server ? { server } : {}) };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  holder.__resdirTestPostgres ??= { ready: prepare(), users: 0 };
  const shared = holder.__resdirTestPostgres;
  shared.users++;
  project.provide('resdirPostgres', (await shared.ready).info);
  return async () => {
    if (--shared.users > 0) return;
    holder.__resdirTestPostgres = undefined;
    await (await shared.ready).server?.destroy();
  };
}
