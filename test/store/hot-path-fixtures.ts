/**
 * What the hot-path conformance cases share (contract-hot-path.ts, contract-hot-path-limits.ts):
 * a Send command with fresh IDs, a one-counter limit, the implementations under test, and a store
 * whose verification.sendCode is the implementation under test.
 */
import type { SendCodeCommand, SendCodeOutcome } from '../../src/store/hot-ports.js';
import { sendCodeViaRepos } from '../../src/store/hot/send-code-repos.js';
import type { Store } from '../../src/store/ports.js';
import type { TestDatabase } from './dialects.js';
import { PURPOSE, T0, auditEvent } from './fixtures.js';

let seq = 0;
export const id = (prefix: string) => `${prefix}-${String(++seq).padStart(8, '0')}`;

export function command(account: string, over: Partial<SendCodeCommand> = {}): SendCodeCommand {
  return {
    now: T0,
    code: {
      id: id('code'),
      purpose: PURPOSE,
      accountId: account,
      phone: '+6591230000',
      codeMac: `mac-${seq}`,
      expiresAt: T0 + 600_000,
      maxAttempts: 5,
    },
    message: { id: id('msg'), payloadEnc: 'sealed' },
    audit: auditEvent({ time: T0, action: 'Send', target_account_id: account }),
    replayAudit: auditEvent({ time: T0, action: 'Send', target_account_id: account, detail: 'client-token-replay' }),
    ...over,
  };
}

export const counter = (limit: number, subject = 'phone') => ({
  pair: `pair-${subject}`,
  breakerKeys: [],
  counters: [{ scope: 'phone-hour', subject, windowStart: T0, limit }],
});

/** The dialect's own implementation, and the reference over the repositories it must match. */
/** The dialect's own implementation, and the reference over the repositories it must match. */
export const IMPLEMENTATIONS: ReadonlyArray<{
  name: string;
  on: (s: Store) => (cmd: SendCodeCommand) => Promise<SendCodeOutcome>;
}> = [
  { name: 'verification.sendCode', on: (s) => (cmd) => s.verification.sendCode(cmd) },
  { name: 'sendCodeViaRepos (reference)', on: (s) => (cmd) => sendCodeViaRepos(s, cmd) },
];

export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** The test database's store with `impl` as its Send, and the audit records of Sends to an account. */
export function hotPathStore(db: () => TestDatabase, impl: Implementation) {
  const store = (): Store => {
    const s = db().store;
    return { ...s, verification: { ...s.verification, sendCode: impl.on(s) } };
  };
  const sendsOf = async (account: string) =>
    (await store().audit.recent(1000)).filter((e) => e.target_account_id === account);
  return { store, sendsOf };
}
