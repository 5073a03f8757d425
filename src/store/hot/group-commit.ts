/**
 * Group commit for synchronous SQLite work: commands submitted in the same event-loop turn run in
 * ONE transaction, each inside its own savepoint. A command whose outcome is not kept (`keeps`
 * false), or that throws, rolls back to its savepoint and leaves the others intact. Every promise
 * settles after the COMMIT (or, if the COMMIT fails, rejects with its error).
 */
export interface TxStatements {
  begin: { run(): unknown };
  commit: { run(): unknown };
  rollback: { run(): unknown };
  savepoint: { run(): unknown };
  release: { run(): unknown };
  rollbackTo: { run(): unknown };
}

/**
 * Runs `fn` while no other user of the connection (Kysely's transactions) holds it, so that the
 * group's transaction never interleaves with another one on the same connection.
 */
export type Exclusive = (fn: () => void) => Promise<void>;

interface Pending<C, O> {
  cmd: C;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<C, O> {
  private queue: Array<Pending<C, O>> = [];
  private scheduled: Promise<void> | undefined;

  constructor(
    private readonly st: TxStatements,
    private readonly exclusive: Exclusive,
    private readonly run: (cmd: C) => O,
    private readonly keeps: (o: O) => boolean,
  ) {}

  submit(cmd: C): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ cmd, resolve, reject });
      this.scheduled ??= new Promise<void>((done) => setImmediate(done)).then(() => this.flush());
    });
  }

  /** Commits what is queued now (also called on close). */
  async flush(): Promise<void> {
    this.scheduled = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const settle: Array<() => void> = [];
    try {
      await this.exclusive(() => this.commitSync(batch, settle));
    } catch (e) {
      for (const p of batch) p.reject(e);
      return;
    }
    for (const s of settle) s();
  }

  private commitSync(batch: Array<Pending<C, O>>, settle: Array<() => void>): void {
    const st = this.st;
    st.begin.run();
    try {
      for (const p of batch) {
        st.savepoint.run();
        try {
          const o = this.run(p.cmd);
          if (!this.keeps(o)) st.rollbackTo.run();
          st.release.run();
          settle.push(() => p.resolve(o));
        } catch (e) {
          st.rollbackTo.run();
          st.release.run();
          settle.push(() => p.reject(e));
        }
      }
      st.commit.run();
    } catch (e) {
      try {
        st.rollback.run();
      } catch {
        // SQLite already rolled the transaction back (e.g. on SQLITE_FULL).
      }
      throw e;
    }
  }
}
