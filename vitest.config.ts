import { defineConfig } from 'vitest/config';

/**
 * Two projects: `default` runs every test (the store conformance suite loops over SQLite and
 * PostgreSQL itself); `e2e-postgres` runs the end-to-end files again with the harness on
 * PostgreSQL (RESDIR_TEST_DATABASE=postgres). The global setup starts one throwaway PostgreSQL for
 * both, or reports the PostgreSQL suites as skipped when no binaries exist.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/pg-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e-postgres', include: ['test/e2e/**/*.test.ts', 'test/readme.test.ts'], env: { RESDIR_TEST_DATABASE: 'postgres' } } },
    ],
  },
});
