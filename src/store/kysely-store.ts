import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Repos, Store } from './ports.js';
import type { Result } from '../lib/result.js';
import { directoryRepo } from './repos/directory.js';
import { identityRepo } from './repos/identity.js';
import { codeRepo } from './repos/codes.js';
import { limitRepo } from './repos/limits.js';
import { outboxRepo } from './repos/outbox.js';
import { inboxRepo } from './repos/inbox.js';
import { deliveryRepo } from './repos/delivery.js';
import { auditRepo } from './repos/audit.js';
import { nonceRepo } from './repos/nonces.js';
import { metaRepo } from './repos/meta.js';
import { ramRepo } from './repos/ram.js';
import { defenceRepo } from './repos/defence.js';
import { auditLogRepo } from './repos/audit-log.js';
import { lifecycleRepo } from './repos/lifecycle.js';

function reposOn(db: Kysely<Database>, dialect: Store['dialect']): Repos {
  return {
    directory: directoryRepo(db),
    identity: identityRepo(db),
    codes: codeRepo(db),
    limits: limitRepo(db),
    outbox: outboxRepo(db, dialect),
    inbox: inboxRepo(db),
    delivery: deliveryRepo(db),
    audit: auditRepo(db),
    nonces: nonceRepo(db),
    meta: metaRepo(db),
    ram: ramRepo(db),
    defence: defenceRepo(db),
    auditLog: auditLogRepo(db),
    lifecycle: lifecycleRepo(db),
  };
}

/** Carries a returned failure out of Kysely's transaction callback so that it rolls back. */
class RollbackWith<E> {
  constructor(readonly error: E) {}
}

/**
 * The one Store implementation, over any Kysely dialect resdir supports.
 *
 * Ambient transaction: inside `atomically`, every repository call made through this store (and
 * every nested `atomically`, which joins the outer transaction) runs in that transaction. So an
 * operation handler and the audit record the pipeline appends after it commit together or not at all.
 */
export function kyselyStore(db: Kysely<Database>, dialect: Store['dialect']): Store {
  const root = reposOn(db, dialect);
  const ambient = new AsyncLocalStorage<Repos>();
  const repo = <K extends keyof Repos>(k: K): Repos[K] => (ambient.getStore() ?? root)[k];
  const store: Store = {
    dialect,
    get directory() {
      return repo('directory');
    },
    get identity() {
      return repo('identity');
    },
    get codes() {
      return repo('codes');
    },
    get limits() {
      return repo('limits');
    },
    get outbox() {
      return repo('outbox');
    },
    get inbox() {
      return repo('inbox');
    },
    get delivery() {
      return repo('delivery');
    },
    get audit() {
      return repo('audit');
    },
    get nonces() {
      return repo('nonces');
    },
    get meta() {
      return repo('meta');
    },
    get ram() {
      return repo('ram');
    },
    get defence() {
      return repo('defence');
    },
    get auditLog() {
      return repo('auditLog');
    },
    get lifecycle() {
      return repo('lifecycle');
    },
    async atomically<T, E>(fn: (tx: Repos) => Promise<Result<T, E>>): Promise<Result<T, E>> {
      const joined = ambient.getStore();
      if (joined) return fn(joined);
      try {
        return await db.transaction().execute(async (trx) => {
          const tx = reposOn(trx, dialect);
          const r = await ambient.run(tx, () => fn(tx));
          if (!r.ok) throw new RollbackWith(r.error);
          return r;
        });
      } catch (e) {
        if (e instanceof RollbackWith) return { ok: false, error: e.error as E };
        throw e;
      }
    },
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await db.destroy();
    },
  };
  return store;
}
