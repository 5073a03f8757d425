import type { MemberLookup } from '../../store/ports.js';

/** CallMemo flag: this call may take its member from memory, because its write re-checks it. */
export const MEMBER_FROM_MEMORY = 'member-from-memory';
/** CallMemo flag: a member of this call came from memory (no read confirmed it yet). */
export const SERVED_FROM_MEMORY = 'member-served-from-memory';

/** Once the memory is full, one newcomer in this many is let in (see MemberMemory.set). */
export const ADMIT_ONE_IN = 16;

/**
 * Members as last read, by account ID, for calls whose one write re-checks the member (the Send:
 * a read saved, a round trip on PostgreSQL). Bounded: the oldest entry leaves first. An entry
 * is only a hint: a write that finds the member changed writes nothing, and the call runs again
 * on a fresh read, which replaces the entry.
 */
export class MemberMemory {
  private readonly entries = new Map<string, MemberLookup>();
  private newcomers = 0;

  constructor(private readonly max = 4096) {}

  get(accountId: string): MemberLookup | undefined {
    return this.entries.get(accountId);
  }

  /**
   * Keeps a lookup that found a member; forgets the account otherwise. Once full, a member not
   * kept yet gets in one time in ADMIT_ONE_IN: with a directory much larger than the memory,
   * replacing an entry on every call made each replaced entry garbage for the old generation
   * (about 1 KB a Send at 100k members; docs/hot-path.md, Memory under load).
   */
  set(accountId: string, found: MemberLookup): void {
    const known = this.entries.delete(accountId);
    if (!found.member) return;
    if (!known && this.entries.size >= this.max && ++this.newcomers % ADMIT_ONE_IN !== 0) return;
    this.entries.set(accountId, found);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
}
