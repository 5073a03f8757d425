import { defineConfig } from 'vitest/config';
import { findPostgresBin } from './src/tools/throwaway-postgres.js';

/**
 * Two projects: `default` runs every test (the store conformance suite loops over SQLite and
 * PostgreSQL itself); `e2e-postgres` runs the end-to-end files again with the harness on
 * PostgreSQL (RESDIR_TEST_DATABASE=postgres). The global setup starts one throwaway PostgreSQL for
 * both. Without PostgreSQL binaries (and without RESDIR_TEST_POSTGRES_URL) the `e2e-postgres`
 * project is left out and the PostgreSQL suites of `default` are reported as skipped.
 */
const postgres = Boolean(process.env.RESDIR_TEST_POSTGRES_URL || findPostgresBin());

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/support/pg-global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'default', include: ['test/**/*.test.ts'] } },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e-postgres',
                include: ['test/e2e/**/*.test.ts', 'test/readme.test.ts'],
                env: { RESDIR_TEST_DATABASE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
