/**
 * Identities from memory, correct across replicas.
 *
 * An AccessKey resolves to its credential (secret, principal), the documents of the policies that
 * apply to the principal, and the directory its account manages. Each entry is stamped with the
 * account's identity epoch (migration 0009), which every change to those facts bumps in the
 * change's own transaction, on whichever replica made it. Contract for callers:
 * - `resolve(id, true)` reads the epoch (one point read) and reloads a stale entry: the identity is
 *   current as of that read, as if it had been read from the store.
 * - `resolve(id, false)` trusts the entry unread; the caller must then either carry the stamp into
 *   its write, which re-checks it (Send), or call `isCurrent` before acting on a refusal.
 * Loading reads the epoch BEFORE the facts, so a change racing a load leaves the entry stale (and
 * reloaded at the next check), never current with old facts.
 */
import type { PolicyDocument } from '../../auth/policy/document.js';
import { policiesOf } from '../../auth/authorize.js';
import type { Keyring } from '../../lib/keyring.js';
import type { IdentityStamp } from '../../store/hot-ports.js';
import type { Directory, Store } from '../../store/ports.js';
import { resolveCredential, STS_KEY_PREFIX, type ResolvedCredential } from './credentials.js';

export interface Identity {
  credential: ResolvedCredential;
  /** The documents judging the principal; undefined for the root identity (everything allowed). */
  policies: { identity: PolicyDocument[]; session: PolicyDocument[] } | undefined;
  /** The directory the principal's account manages, or null when it manages none. */
  managed: Directory | null;
  stamp: IdentityStamp;
}

export interface Resolved {
  identity: Identity;
  /** True when the epoch was read for this call: the identity is as current as a store read. */
  fresh: boolean;
}

export class IdentityCache {
  private readonly entries = new Map<string, Identity>();

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
    private readonly maxEntries = 10_000,
  ) {}

  /** undefined for an unknown key or a vanished owner (never cached). */
  async resolve(accessKeyId: string, validate: boolean): Promise<Resolved | undefined> {
    const hit = this.entries.get(accessKeyId);
    if (hit && (!validate || (await this.isCurrent(hit)))) return { identity: hit, fresh: validate };
    return this.load(accessKeyId);
  }

  async isCurrent(identity: Identity): Promise<boolean> {
    return (await this.store.identityEpoch(identity.stamp.accountId)) === identity.stamp.epoch;
  }

  /** Drops every entry (tests, and an operator's reset). */
  clear(): void {
    this.entries.clear();
  }

  private async load(accessKeyId: string): Promise<Resolved | undefined> {
    this.entries.delete(accessKeyId);
    const accountId = await this.accountOf(accessKeyId);
    if (accountId === undefined) return undefined;
    const epoch = await this.store.identityEpoch(accountId);
    const credential = await resolveCredential(this.store, this.keyring, accessKeyId);
    if (!credential || credential.principal.accountId !== accountId) return undefined;
    const identity: Identity = {
      credential,
      policies: await policiesOf(this.store, credential.principal),
      managed: (await this.store.directory.directoryOfManager(accountId)) ?? null,
      stamp: { accountId, epoch },
    };
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(accessKeyId, identity);
    return { identity, fresh: true };
  }

  private async accountOf(accessKeyId: string): Promise<string | undefined> {
    if (accessKeyId.startsWith(STS_KEY_PREFIX)) return (await this.store.ram.getSession(accessKeyId))?.account_id;
    return (await this.store.identity.getAccessKey(accessKeyId))?.account_id;
  }
}

/** Thrown by a write that found the caller's identity epoch moved: nothing was written; re-run the call. */
export class StaleIdentityError extends Error {
  constructor() {
    super('the caller identity changed while the call ran');
  }
}
