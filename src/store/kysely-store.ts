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
import { coalesced } from './coalesce.js';
import { deliveryRepo } from './repos/delivery.js';
import { auditRepo } from './repos/audit.js';
import { nonceRepo } from './repos/nonces.js';
import { metaRepo } from './repos/meta.js';
import { ramRepo } from './repos/ram.js';
import { defenceRepo } from './repos/defence.js';
import { auditLogRepo } from './repos/audit-log.js';
import type SqliteDatabase from 'better-sqlite3';
import { sendCodeViaRepos } from './hot/send-code-repos.js';
import { bindPhoneViaRepos } from './hot/bind-phone-repos.js';
import { sqliteHotPath } from './hot/sqlite-send-code.js';
import { pgBindPhones, pgSendCodes } from './hot/pg-hot-path.js';
import { consoleReadRepo } from './repos/console.js';
import { folderRepo } from './repos/folders.js';
import { lifecycleRepo } from './repos/lifecycle.js';
import { controlPolicyRepo } from './repos/control-policies.js';
import { accountRecordRepo } from './repos/account-records.js';
import { ramExtrasRepo } from './repos/ram-extras.js';
import { delegationRepo, tagRepo } from './repos/tags.js';
import { memberBillingRepo } from './repos/member-billing.js';
import { mailInboxRepo, messageContactRepo } from './repos/message-contacts.js';

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
    folders: folderRepo(db),
    lifecycle: lifecycleRepo(db),
    controlPolicies: controlPolicyRepo(db),
    accountRecords: accountRecordRepo(db),
    ramExtras: ramExtrasRepo(db),
    tags: tagRepo(db),
    delegation: delegationRepo(db),
    memberBilling: memberBillingRepo(db),
    messageContacts: messageContactRepo(db),
    mailInbox: mailInboxRepo(db),
  };
}

/** Carries a returned failure out of Kysely's transaction callback so that it rolls back. */
class RollbackWith<E> {
  constructor(readonly error: E) {}
}

/** SQLite extras: the connection Kysely drives, for the hot path's prepared statements. */
export interface SqliteHandle {
  raw: SqliteDatabase.Database;
  /** Called on close, before the connection closes (timers). */
  onClose?: () => Promise<void> | void;
}

/**
 * The one Store implementation, over any Kysely dialect resdir supports.
 *
 * Ambient transaction: inside `atomically`, every repository call made through this store (and
 * every nested `atomically`, which joins the outer transaction) runs in that transaction. So an
 * operation handler and the audit record the pipeline appends after it commit together or not at all.
 * Given the SQLite connection, the hot path runs on prepared statements with group commit; otherwise
 * over the repositories in one transaction (PostgreSQL: one function call).
 */
export function kyselyStore(db: Kysely<Database>, dialect: Store['dialect'], sqlite?: SqliteHandle): Store {
  // Kysely's SQLite driver serializes its users of the connection; the group commit joins that queue.
  const fast = sqlite ? sqliteHotPath(sqlite.raw, (fn) => db.connection().execute(async () => fn())) : undefined;
  const root = reposOn(db, dialect);
  const fastNonces = fast ? { ...root.nonces, claim: fast.claimNonce } : undefined;
  const fastAudit = fast ? { ...root.audit, append: fast.appendAudit } : undefined;
  // PostgreSQL: the worker's inbox deliveries of one batch share one INSERT (one round trip).
  const fastInbox = fast
    ? { ...root.inbox, add: fast.addToInbox }
    : dialect === 'postgres'
      ? { ...root.inbox, add: coalesced(root.inbox.addMany) }
      : undefined;
  const fastDirectory = fast ? { ...root.directory, lookupMember: fast.lookupMember } : undefined;
  const fastOutbox = fast ? { ...root.outbox, claim: fast.claimOutbox, settle: fast.settleOutbox } : undefined;
  const pgSend = pgSendCodes(db);
  const pgBind = dialect === 'postgres' ? pgBindPhones(db) : undefined;
  const ambient = new AsyncLocalStorage<Repos>();
  // An enabled AsyncLocalStorage makes Node run a hook for every promise of the process: it is
  // enabled only while some transaction runs, so the hot path (which opens none) pays nothing for it.
  let open = 0;
  const inTransaction = async <T>(tx: Repos, fn: () => Promise<T>): Promise<T> => {
    open++;
    try {
      return await ambient.run(tx, fn);
    } finally {
      if (--open === 0) ambient.disable();
    }
  };
  const repo = <K extends keyof Repos>(k: K): Repos[K] => (ambient.getStore() ?? root)[k];
  const store: Store = {
    dialect,
    verification: {
      // Inside an ambient transaction the write set joins it (the group commit would wait for the
      // connection that transaction holds).
      sendCode: (cmd) => {
        const pg = !ambient.getStore() && !fast && dialect === 'postgres';
        if (pg) return pgSend(cmd);
        if (cmd.nonce) throw new Error('sendCode claims a nonce only where claimsNonceInWrite is true');
        if (ambient.getStore() || !fast) return sendCodeViaRepos(store, cmd);
        return fast.sendCode(cmd);
      },
      claimsNonceInWrite: dialect === 'postgres' && !fast,
      bindPhone: (cmd) => {
        if (ambient.getStore()) return bindPhoneViaRepos(store, cmd);
        if (fast) return fast.bindPhone(cmd);
        return pgBind ? pgBind(cmd) : bindPhoneViaRepos(store, cmd);
      },
    },
    identityEpoch: (accountId) =>
      fast && !ambient.getStore()
        ? Promise.resolve(fast.identityEpoch(accountId))
        : repo('identity').epochOf(accountId),
    get directory() {
      return fastDirectory && !ambient.getStore() ? fastDirectory : repo('directory');
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
      return fastOutbox && !ambient.getStore() ? fastOutbox : repo('outbox');
    },
    get inbox() {
      return fastInbox && !ambient.getStore() ? fastInbox : repo('inbox');
    },
    get delivery() {
      return repo('delivery');
    },
    get audit() {
      // Outside a transaction, an audit record joins the hot path's group commit on SQLite.
      return fastAudit && !ambient.getStore() ? fastAudit : repo('audit');
    },
    get nonces() {
      // Outside a transaction, a nonce claim joins the hot path's group commit on SQLite.
      return fastNonces && !ambient.getStore() ? fastNonces : repo('nonces');
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
    get console() {
      return repo('console');
    },
    get folders() {
      return repo('folders');
    },
    get lifecycle() {
      return repo('lifecycle');
    },
    get controlPolicies() {
      return repo('controlPolicies');
    },
    get accountRecords() {
      return repo('accountRecords');
    },
    get ramExtras() {
      return repo('ramExtras');
    },
    get tags() {
      return repo('tags');
    },
    get delegation() {
      return repo('delegation');
    },
    get memberBilling() {
      return repo('memberBilling');
    },
    get messageContacts() {
      return repo('messageContacts');
    },
    get mailInbox() {
      return repo('mailInbox');
    },
    async atomically<T, E>(fn: (tx: Repos) => Promise<Result<T, E>>): Promise<Result<T, E>> {
      const joined = ambient.getStore();
      if (joined) return fn(joined);
      try {
        return await db.transaction().execute(async (trx) => {
          const tx = reposOn(trx, dialect);
          const r = await inTransaction(tx, () => fn(tx));
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
      await fast?.flush();
      await sqlite?.onClose?.();
      await db.destroy();
    },
  };
  return store;
}
