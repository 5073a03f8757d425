/** Group commit on SQLite: one transaction per event-loop turn, one savepoint per command. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/hot/group-commit.js';

let db: Database.Database;
let commits = 0;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec('create table t (k text primary key, v integer not null)');
  commits = 0;
  db.function('count_commit', () => ++commits);
});
afterEach(() => db.close());

function group() {
  const tx = {
    begin: db.prepare('begin immediate'),
    commit: {
      run: () => {
        db.prepare('select count_commit()').get();
        return db.prepare('commit').run();
      },
    },
    rollback: db.prepare('rollback'),
    savepoint: db.prepare('savepoint g'),
    release: db.prepare('release g'),
    rollbackTo: db.prepare('rollback to g'),
  };
  const insert = db.prepare('insert into t (k, v) values (?, ?)');
  let inTx = 0;
  const g = new GroupCommit<{ k: string; v: number }, string>(
    tx,
    async (fn) => fn(),
    (c) => {
      if (db.inTransaction) inTx++;
      insert.run(c.k, c.v);
      if (c.v < 0) throw new Error('negative');
      return c.v === 0 ? 'refused' : 'ok';
    },
    (o) => o === 'ok',
  );
  return { g, inTx: () => inTx };
}

it('commands of one turn share one COMMIT; a refused or failing one leaves only its own writes out', async () => {
  const { g, inTx } = group();
  const results = await Promise.allSettled([
    g.submit({ k: 'a', v: 1 }),
    g.submit({ k: 'b', v: 0 }),
    g.submit({ k: 'c', v: -1 }),
    g.submit({ k: 'a', v: 2 }), // duplicate key: throws, rolled back alone
    g.submit({ k: 'd', v: 4 }),
  ]);
  expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
    'ok',
    'refused',
    'negative',
    expect.stringMatching(/UNIQUE/),
    'ok',
  ]);
  expect(commits).toBe(1);
  expect(inTx()).toBe(5);
  expect(db.prepare('select k, v from t order by k').all()).toEqual([
    { k: 'a', v: 1 },
    { k: 'd', v: 4 },
  ]);
});

it('no command resolves before its COMMIT; a group whose transaction is lost rejects every command of it', async () => {
  const { g } = group();
  let resolved = false;
  const p = g.submit({ k: 'x', v: 1 }).then(() => {
    resolved = true;
    return commits;
  });
  expect(resolved).toBe(false);
  expect(await p).toBe(1);
  db.exec("create trigger veto before insert on t when new.k = 'veto' begin select raise(rollback, 'vetoed'); end");
  await expect(Promise.all([g.submit({ k: 'y', v: 1 }), g.submit({ k: 'veto', v: 1 })])).rejects.toThrow();
  expect(db.inTransaction).toBe(false);
});

it('commands of later turns get a transaction of their own', async () => {
  const { g } = group();
  await g.submit({ k: 'a', v: 1 });
  await g.submit({ k: 'b', v: 1 });
  expect(commits).toBe(2);
});
