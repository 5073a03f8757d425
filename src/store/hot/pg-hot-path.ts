/**
 * The PostgreSQL hot path: a Send and a Bind are each one round trip to a PL/pgSQL function
 * (migrations 0020–0023), and those of one event-loop turn share one statement (group commit).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { batched } from '../coalesce.js';
import type { BindPhoneCommand, BindPhoneOutcome, SendCodeCommand, SendCodeOutcome } from '../hot-ports.js';

/**
 * One round trip for every Send of an event-loop turn (group commit): resdir_send_code_guarded
 * (migration 0020) re-checks each one's identity epoch and member, claims its nonce, then
 * resdir_send_code (0023) runs its write set, each refusal rolling back its own writes only; the
 * statement's transaction commits them together. A batch that fails runs again Send by Send.
 */
export function pgSendCodes(db: Kysely<Database>) {
  // In member order, so that two batches lock members' codes in the same order.
  const run = async (cmds: SendCodeCommand[]): Promise<SendCodeOutcome[]> => {
    const order = inKeyOrder(cmds.map((c) => c.code.accountId));
    const { rows } = await sql<{ r: SendCodeOutcome }>`select resdir_send_code_guarded(c) as r
      from jsonb_array_elements(${JSON.stringify(order.map((i) => cmds[i]))}::jsonb) with ordinality as t(c, n)
      order by n`.execute(db);
    const out: SendCodeOutcome[] = [];
    order.forEach((i, k) => {
      out[i] = rows[k]!.r;
    });
    return out;
  };
  const alone = retriedAlone(run);
  const together = batched(run, alone);
  // A Send that claims limits runs alone: in a batch, its counter rows (one per management account,
  // caller, prefix…) would stay locked until the whole batch commits, and batches would deadlock.
  return (cmd: SendCodeCommand): Promise<SendCodeOutcome> => (cmd.limits ? alone(cmd) : together(cmd));
}

/**
 * A Bind's whole step in one round trip, resdir_bind_phone (migration 0021), and the Binds of one
 * event-loop turn in one statement (group commit), as Sends: every Bind credits its country's
 * breaker row, so one commit for many Binds is what lets them through that row quickly.
 */
export function pgBindPhones(db: Kysely<Database>) {
  // In the order of the breaker rows they credit (country, then prefix), then of members: every
  // batch takes the rows it shares with another in the same order.
  const lockOrder = (c: BindPhoneCommand): string =>
    [...c.credit.keys.map((k) => `${k.scope}:${k.subject}`), c.accountId].join('\u0000');
  const run = async (cmds: BindPhoneCommand[]): Promise<BindPhoneOutcome[]> => {
    const order = inKeyOrder(cmds.map(lockOrder));
    const { rows } = await sql<{ r: BindPhoneOutcome }>`select resdir_bind_phone(c) as r
      from jsonb_array_elements(${JSON.stringify(order.map((i) => cmds[i]))}::jsonb) with ordinality as t(c, n)
      order by n`.execute(db);
    const out: BindPhoneOutcome[] = [];
    order.forEach((i, k) => {
      const o = rows[k]!.r;
      out[i] = o.kind === 'pair-locked' ? { kind: 'pair-locked', until: o.until ?? undefined } : o;
    });
    return out;
  };
  return batched(run, retriedAlone(run));
}

/** The indexes of `ids` in code-unit order of the IDs, so that two batches lock rows in one order. */
function inKeyOrder(ids: readonly string[]): number[] {
  return ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
}

/**
 * One item alone: it takes its row locks in one fixed order, but a batch does not, so one that
 * deadlocks with a batch (which PostgreSQL breaks by rolling one back) simply runs again.
 */
function retriedAlone<T, R>(run: (items: T[]) => Promise<R[]>): (item: T) => Promise<R> {
  return async (item) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await run([item]))[0]!;
      } catch (e) {
        if (attempt >= 3 || !isPgConflict(e)) throw e;
      }
    }
  };
}

/** A deadlock or serialization failure: the transaction was rolled back and may simply run again. */
const isPgConflict = (e: unknown): boolean => {
  const code = (e as { code?: unknown; cause?: { code?: unknown } } | undefined)?.code;
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === '40P01' || code === '40001' || cause === '40P01' || cause === '40001';
};
