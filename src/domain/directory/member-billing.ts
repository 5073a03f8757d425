import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';

export type SwitchStatus = 'Enabled' | 'Disabled';

/** Why an account cannot be a billing (payer) account: PrecheckForConsolidatedBillingAccount's Reasons. */
export interface PrecheckReason {
  Code: string;
  Message: string;
}

/**
 * Who pays for the members of a directory, and whether display names are synchronized. Every
 * member pays for itself until UpdatePayerForAccount names another member of the same directory
 * as its payer. Payers are one level deep: a payer pays for itself, and an account that pays for
 * others cannot be given a payer. A payer that left the directory no longer counts.
 */
export class MemberBilling {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  displayNameSync(dir: Directory): Promise<SwitchStatus> {
    return this.store.memberBilling.displayNameSync(dir.id);
  }

  async setDisplayNameSync(dir: Directory, status: SwitchStatus): Promise<void> {
    await this.store.memberBilling.setDisplayNameSync(dir.id, status, this.clock.now());
  }

  /**
   * The account that pays for `accountId` (a member of `dir`): its recorded payer while still a
   * member, else itself.
   */
  async payerOf(dir: Directory, accountId: string): Promise<string> {
    const payer = await this.store.memberBilling.payerOf(dir.id, accountId);
    if (payer === undefined || payer === accountId) return accountId;
    return (await this.isMember(dir, payer)) ? payer : accountId;
  }

  /** Why `accountId` (a member of `dir`) cannot be a payer; empty when it can. */
  async reasonsAgainstPayer(dir: Directory, accountId: string): Promise<PrecheckReason[]> {
    const payer = await this.payerOf(dir, accountId);
    if (payer === accountId) return [];
    return [
      {
        Code: 'PaidByAnotherAccount',
        Message: `The bills of the account ${accountId} are paid by the account ${payer}: it cannot pay for others.`,
      },
    ];
  }

  /**
   * Makes `payerAccountId` pay for `accountId` (both already known members of `dir`); the account
   * itself as payer restores self-payment. Runs inside the operation's transaction.
   * Failure: InvalidPayerAccount (409).
   */
  async setPayer(dir: Directory, accountId: string, payerAccountId: string): Promise<Result<void, ApiFailure>> {
    // Serializes payer changes per directory (the caller's transaction holds the lock), so that two
    // concurrent changes cannot make each account the other's payer.
    await this.store.delegation.lockDirectory(dir.id);
    if (payerAccountId !== accountId) {
      const reasons = await this.reasonsAgainstPayer(dir, payerAccountId);
      if (reasons.length > 0) return err(failure('InvalidPayerAccount', reasons[0]?.Message));
      const paidFor = await this.paidFor(dir, accountId);
      if (paidFor.length > 0) {
        return err(
          failure(
            'InvalidPayerAccount',
            `The account ${accountId} pays for other members (${paidFor.slice(0, 3).join(', ')}): ` +
              'it cannot be paid for by another account.',
          ),
        );
      }
    }
    await this.store.memberBilling.setPayer(dir.id, accountId, payerAccountId, this.clock.now());
    return ok(undefined);
  }

  /** Members of `dir` whose payer is `accountId` (itself excluded). */
  private async paidFor(dir: Directory, accountId: string): Promise<string[]> {
    const ids = await this.store.memberBilling.paidBy(dir.id, accountId);
    const live: string[] = [];
    for (const id of ids) if (id !== accountId && (await this.isMember(dir, id))) live.push(id);
    return live;
  }

  private async isMember(dir: Directory, accountId: string): Promise<boolean> {
    return (await this.store.directory.getMember(accountId))?.directory_id === dir.id;
  }
}
