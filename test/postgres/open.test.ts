/** Opening the store on PostgreSQL: concurrent start-up migration, and an unreachable server. */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { MIGRATION_NAMES } from '../../src/store/migrate.js';
import { StoreUnavailableError } from '../../src/store/unavailable.js';
import { createDatabase, testPostgres } from '../support/postgres.js';
import { createDemoWorld } from '../../src/bootstrap.js';
import { keyringFrom } from '../../src/lib/keyring.js';
import { systemClock } from '../../src/lib/clock.js';

const pgInfo = testPostgres();

describe.skipIf(!pgInfo.available)(
  `openStore on PostgreSQL${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    it('five processes open one empty database: one applies every migration, the rest find none pending', async () => {
      const db = await createDatabase({ empty: true });
      try {
        const opened = await Promise.all(Array.from({ length: 5 }, () => openStore(db.url, { poolSize: 2 })));
        const applied = opened.map((o) => o.applied);
        expect(applied.filter((a) => a.length > 0)).toEqual([[...MIGRATION_NAMES]]);
        expect(applied.filter((a) => a.length === 0)).toHaveLength(4);
        for (const o of opened) {
          expect(o.store.dialect).toBe('postgres');
          expect(await o.store.ping()).toBe(true);
          await o.store.close();
        }
      } finally {
        await db.drop();
      }
    });
  },
);

describe.skipIf(!pgInfo.available)(
  `start-up of several replicas on one PostgreSQL${pgInfo.available ? '' : ` (SKIPPED: ${pgInfo.reason})`}`,
  () => {
    it('three replicas bootstrapping an empty database at once create one demo world', async () => {
      const db = await createDatabase({ empty: true });
      const keyring = keyringFrom(randomBytes(32));
      const stores = (await Promise.all([0, 1, 2].map(() => openStore(db.url, { poolSize: 2 })))).map((o) => o.store);
      try {
        const worlds = await Promise.all(
          stores.map((s, i) => createDemoWorld(s, keyring, systemClock, `http://127.0.0.1:${8080 + i}`, 'intl')),
        );
        expect(worlds.filter((w) => w !== undefined)).toHaveLength(1);
        expect((await stores[2]!.directory.listMembers(worlds.find((w) => w)!.resourceDirectoryId, 0, 10)).total).toBe(
          2,
        );
      } finally {
        for (const s of stores) await s.close();
        await db.drop();
      }
    });
  },
);

describe('openStore on an unreachable PostgreSQL', () => {
  it('fails fast with StoreUnavailableError, naming the reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const failure = await openStore(`postgres://resdir@127.0.0.1:${port}/resdir`, { statementTimeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect((failure as Error).message).toMatch(/database unavailable: .*ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
