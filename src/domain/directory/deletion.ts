/**
 * Deleting members, asynchronously as on Alibaba Cloud: CheckAccountDelete starts a check that
 * completes `delayMs` later (GetAccountDeletionCheckResult: PreChecking → PreCheckComplete);
 * DeleteAccount, once the check completed, starts the deletion, which completes `delayMs` later
 * (GetAccountDeletionStatus: Deleting → Success). A due deletion is carried out by whichever comes
 * first: the sweeper (settleDue) or a GetAccountDeletionStatus call. Both need the directory's
 * member deletion switch Enabled, a RAM identity of the management account, and a member of the
 * ResourceAccount type created in the directory. RemoveCloudAccount removes invited members at once.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Member, Store } from '../../store/ports.js';
import type { AccountDeletion } from '../../store/lifecycle-ports.js';
import type { Principal } from '../../auth/principal.js';
import { UNCONFIRMED } from './mail-records.js';

export interface CheckResult {
  status: 'PreChecking' | 'PreCheckComplete';
  allowDelete: boolean;
}

export interface DeletionStatus {
  deletion: AccountDeletion;
  status: 'Deleting' | 'Success';
  /** When the deletion completed (or will). */
  completesAt: number;
}

export class MemberDeletion {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  /**
   * Failures: CallerIdentityError.DeleteAccount, NoLicense.ResourceDirectory, MemberTypeError.DeleteAccount,
   * RemoveConfilctAccountAsDelegatedAdministator (a delegated administrator of a trusted service).
   */
  async deletable(principal: Principal, dir: Directory, member: Member): Promise<Result<void, ApiFailure>> {
    if (principal.kind === 'root') return err(failure('CallerIdentityError.DeleteAccount'));
    if ((await this.store.lifecycle.options(dir.id)).member_deletion_status !== 'Enabled')
      return err(failure('NoLicense.ResourceDirectory'));
    if (member.type !== 'ResourceAccount' || member.join_method !== 'created')
      return err(
        failure(
          'MemberTypeError.DeleteAccount',
          `The member ${member.account_id} is of type ${member.type}: only ResourceAccount members created in the ` +
            `resource directory can be deleted; remove CloudAccount members with RemoveCloudAccount.`,
        ),
      );
    if (await this.delegates(dir, member)) return err(failure('RemoveConfilctAccountAsDelegatedAdministator'));
    return ok(undefined);
  }

  /** Starts (or restarts) the check. Failures: those of deletable, ExistProcessingDeleteFlow.DeleteAccount. */
  async check(principal: Principal, dir: Directory, member: Member): Promise<Result<void, ApiFailure>> {
    const allowed = await this.deletable(principal, dir, member);
    if (!allowed.ok) return allowed;
    if (!(await this.store.lifecycle.startCheck(member.account_id, dir.id, this.clock.now())))
      return err(failure('ExistProcessingDeleteFlow.DeleteAccount'));
    return ok(undefined);
  }

  /** Failure: EntityNotExists.CheckAccount when no check of this member ran in `dir`. */
  async checkResult(dir: Directory, accountId: string): Promise<Result<CheckResult, ApiFailure>> {
    const d = await this.store.lifecycle.getDeletion(accountId);
    if (!d || d.directory_id !== dir.id) return err(failure('EntityNotExists.CheckAccount'));
    const done = this.clock.now() >= d.check_started_at + this.delayMs;
    return ok({ status: done ? 'PreCheckComplete' : 'PreChecking', allowDelete: true });
  }

  /**
   * Starts the deletion once the check completed; exactly one of racing calls wins. Failures: those
   * of deletable, EntityNotExists.CheckAccount, NotSupportedOperation.CheckingAccount,
   * ExistProcessingDeleteFlow.DeleteAccount.
   */
  async delete(
    principal: Principal,
    dir: Directory,
    member: Member,
  ): Promise<Result<{ deletionType: '0' }, ApiFailure>> {
    const allowed = await this.deletable(principal, dir, member);
    if (!allowed.ok) return allowed;
    const check = await this.checkResult(dir, member.account_id);
    if (!check.ok) return check;
    const d = await this.store.lifecycle.getDeletion(member.account_id);
    if (d?.deletion_started_at != null) return err(failure('ExistProcessingDeleteFlow.DeleteAccount'));
    if (check.value.status !== 'PreCheckComplete') return err(failure('NotSupportedOperation.CheckingAccount'));
    if (!(await this.store.lifecycle.startDeletion(member.account_id, this.clock.now(), '0')))
      return err(failure('ExistProcessingDeleteFlow.DeleteAccount'));
    return ok({ deletionType: '0' });
  }

  /** The member's deletion flow as the lists show it: Checking, Deleting, or '' when none is under way. */
  async progress(accountId: string): Promise<'' | 'Checking' | 'Deleting'> {
    const d = await this.store.lifecycle.getDeletion(accountId);
    if (!d || d.deleted_at !== null) return '';
    if (d.deletion_started_at !== null) return 'Deleting';
    return this.clock.now() < d.check_started_at + this.delayMs ? 'Checking' : '';
  }

  /** Carries the deletion out when it is due. Failure: EntityNotExists.Account when none was started in `dir`. */
  async status(dir: Directory, accountId: string): Promise<Result<DeletionStatus, ApiFailure>> {
    const d = await this.store.lifecycle.getDeletion(accountId);
    if (!d || d.directory_id !== dir.id || d.deletion_started_at === null)
      return err(failure('EntityNotExists.Account', `No deletion of the account ${accountId} was started.`));
    const now = this.clock.now();
    const completesAt = d.deleted_at ?? d.deletion_started_at + this.delayMs;
    if (d.deleted_at === null && now >= completesAt) await this.store.lifecycle.completeDeletion(accountId, now);
    return ok({ deletion: d, status: now >= completesAt ? 'Success' : 'Deleting', completesAt });
  }

  /** Carries out every due deletion; returns how many this call completed. */
  async settleDue(): Promise<number> {
    const now = this.clock.now();
    let n = 0;
    for (const d of await this.store.lifecycle.dueDeletions(now - this.delayMs, 100)) {
      const done = await this.store.atomically(async (tx) => ({
        ok: true as const,
        value: await tx.lifecycle.completeDeletion(d.account_id, now),
      }));
      if (done.ok && done.value) n++;
    }
    return n;
  }

  /** True when the member is a delegated administrator of some trusted service. */
  private async delegates(dir: Directory, member: Member): Promise<boolean> {
    return (await this.store.delegation.enabledServices(dir.id, member.account_id)).length > 0;
  }

  /**
   * Removes an invited member (the account stays). Failures: AccountTypeOrStatusMismatch (409),
   * Deny.TrustedService (409) while it is a delegated administrator of a trusted service.
   */
  async removeCloudAccount(dir: Directory, member: Member): Promise<Result<void, ApiFailure>> {
    if (member.type !== 'CloudAccount' || member.account_id === dir.management_account_id)
      return err(
        failure(
          'AccountTypeOrStatusMismatch',
          member.type === 'CloudAccount'
            ? 'The management account cannot be removed from its resource directory.'
            : `The member ${member.account_id} is a ResourceAccount: delete it with DeleteAccount instead.`,
        ),
      );
    if (UNCONFIRMED.test(member.status))
      return err(
        failure(
          'AccountTypeOrStatusMismatch',
          `The member ${member.account_id} is in status ${member.status}: ` +
            'cancel its creation with CancelCreateCloudAccount.',
        ),
      );
    if (await this.delegates(dir, member)) return err(failure('Deny.TrustedService'));
    if (!(await this.store.lifecycle.removeMember(member.account_id, dir.id)))
      return err(failure('EntityNotExists.Account', `The account ${member.account_id} is no longer a member.`));
    return ok(undefined);
  }
}
