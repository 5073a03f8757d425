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
import { consoleReadRepo } from './repos/console.js';

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
    console: consoleReadRepo(db),
  };
}

/** Carries a returned failure out of Kysely's transaction callback so that it rolls back. */
class RollbackWith<E> {
  constructor(readonly error: E) {}
}

/** The one Store implementation, over any Kysely dialect resdir supports. */
export function kyselyStore(db: Kysely<Database>, dialect: Store['dialect']): Store {
  return {
    dialect,
    ...reposOn(db, dialect),
    async atomically<T, E>(fn: (tx: Repos) => Promise<Result<T, E>>): Promise<Result<T, E>> {
      try {
        return await db.transaction().execute(async (trx) => {
          const r = await fn(reposOn(trx, dialect));
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
}
