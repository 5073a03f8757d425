/**
 * Operations that wait for a confirmation mail: ChangeAccountEmail (and its retry and cancel),
 * CreateCloudAccount and PromoteResourceAccount (and their resend and cancel). Each writes an
 * account record (RecordId) that stays Pending until the mail is confirmed, cancelled, or expires.
 *
 * resdir sends no mail: it confirms a mail as its recipient would, `confirmMs` after it went out
 * (RESDIR_EMAIL_CONFIRM_SECONDS), unless the mail expires first (`expiryMs`,
 * RESDIR_EMAIL_EXPIRY_SECONDS). A due record is carried out by the sweeper (settleDue) or by the
 * next operation on the same record, whichever comes first, in one transaction with its effects:
 * the new logon name, the member's status and type.
 */
import { randomUUID } from 'node:crypto';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Member, Repos, Store } from '../../store/ports.js';
import type { AccountRecord, AccountRecordKind, MailTimes } from '../../store/account-record-ports.js';
import { provisionAccessRole } from './access-role.js';

/** GetAccount's EmailStatus: '' when no e-mail change is open or the last one was carried out. */
export type EmailStatus = '' | 'WAIT_MODIFY' | 'CANCELLED' | 'EXPIRED';

/** Member statuses while a record is open, and after it ends. */
const MEMBER_STATES: Record<Exclude<AccountRecordKind, 'ChangeEmail'>, Record<string, string>> = {
  CreateCloudAccount: { Pending: 'CreateVerifying', Done: 'CreateSuccess', Expired: 'CreateExpired' },
  PromoteResourceAccount: { Pending: 'PromoteVerifying', Done: 'PromoteSuccess', Expired: 'PromoteExpired' },
};

/** Member statuses of an account waiting for a confirmation mail, or whose creation was never confirmed. */
export const UNCONFIRMED = /^(CreateVerifying|CreateExpired|PromoteVerifying)$/;

export const memberStateOf = (kind: Exclude<AccountRecordKind, 'ChangeEmail'>, s: string): string =>
  MEMBER_STATES[kind][s] ?? '';

export class MailConfirmations {
  constructor(
    readonly store: Store,
    readonly clock: Clock,
    private readonly confirmMs: number,
    private readonly expiryMs: number,
  ) {}

  /** The times of a mail sent now: never confirmed when the confirmation would come after expiry. */
  mailTimes(now = this.clock.now()): MailTimes {
    return {
      sent_at: now,
      confirm_at: this.confirmMs < this.expiryMs ? now + this.confirmMs : null,
      expires_at: now + this.expiryMs,
    };
  }

  newRecord(kind: AccountRecordKind, member: Pick<Member, 'account_id' | 'directory_id'>, email: string) {
    const now = this.clock.now();
    const record: AccountRecord = {
      record_id: randomUUID(),
      kind,
      account_id: member.account_id,
      directory_id: member.directory_id,
      email,
      status: 'Pending',
      ...this.mailTimes(now),
      created_at: now,
      modified_at: now,
    };
    return record;
  }

  record(recordId: string): Promise<AccountRecord | undefined> {
    return this.store.accountRecords.get(recordId);
  }

  /** The account's newest e-mail change, as stored (GetAccount's EmailStatus reads it). */
  lastChange(accountId: string): Promise<AccountRecord | undefined> {
    return this.store.accountRecords.latest(accountId, 'ChangeEmail');
  }

  /** The status a record reads as now (a due confirmation reads Pending until it is carried out). */
  statusNow(r: AccountRecord): AccountRecord['status'] {
    if (r.status !== 'Pending') return r.status;
    const now = this.clock.now();
    if (r.confirm_at === null && now >= r.expires_at) return 'Expired';
    return 'Pending';
  }

  emailStatus(r: AccountRecord | undefined): EmailStatus {
    if (!r) return '';
    const s = this.statusNow(r);
    return s === 'Pending' ? 'WAIT_MODIFY' : s === 'Cancelled' ? 'CANCELLED' : s === 'Expired' ? 'EXPIRED' : '';
  }

  /** Carries out a due record (inside the caller's transaction); returns it as it is now. */
  async settle(tx: Repos, record: AccountRecord): Promise<AccountRecord> {
    const r = await tx.accountRecords.get(record.record_id);
    if (r?.status !== 'Pending') return r ?? record;
    const now = this.clock.now();
    if (r.confirm_at !== null && now >= r.confirm_at) return this.confirm(tx, r, now);
    if (now < r.expires_at) return r;
    if (!(await tx.accountRecords.settle(r.record_id, 'Expired', now))) return r;
    if (r.kind !== 'ChangeEmail') {
      await tx.accountRecords.setMemberState(
        r.account_id,
        memberStateOf(r.kind, 'Pending'),
        {
          status: memberStateOf(r.kind, 'Expired'),
        },
        now,
      );
    }
    return { ...r, status: 'Expired', modified_at: now };
  }

  /**
   * The recipient confirmed: the address becomes the logon name (an e-mail change, a promotion),
   * the member's status and type follow. An address another account took meanwhile makes the
   * record Expired (a promotion PromoteFailed).
   */
  private async confirm(tx: Repos, r: AccountRecord, now: number): Promise<AccountRecord> {
    const renamed = r.kind === 'CreateCloudAccount' || (await tx.accountRecords.rename(r.account_id, r.email));
    const to = renamed ? 'Done' : 'Expired';
    if (!(await tx.accountRecords.settle(r.record_id, to, now))) return r;
    if (r.kind === 'CreateCloudAccount' || r.kind === 'PromoteResourceAccount') {
      const status = renamed ? memberStateOf(r.kind, 'Done') : 'PromoteFailed';
      const type = r.kind === 'PromoteResourceAccount' && renamed ? { type: 'CloudAccount' as const } : {};
      await tx.accountRecords.setMemberState(r.account_id, memberStateOf(r.kind, 'Pending'), { status, ...type }, now);
    }
    // A created cloud account gets the access role when it comes to exist, as a ResourceAccount does.
    const dir = r.kind === 'CreateCloudAccount' ? await tx.directory.getDirectory(r.directory_id) : undefined;
    if (dir) await provisionAccessRole(tx, r.account_id, dir.management_account_id, now);
    return { ...r, status: to, modified_at: now };
  }

  /** Carries out every due record; returns how many this call settled. */
  async settleDue(): Promise<number> {
    let n = 0;
    for (const r of await this.store.accountRecords.due(this.clock.now(), 100)) {
      const done = await this.store.atomically(async (tx) => ok(await this.settle(tx, r)));
      if (done.ok && done.value.status !== 'Pending') n++;
    }
    return n;
  }

  /** The account's newest e-mail change, settled first when due (inside the caller's transaction). */
  async currentChange(tx: Repos, accountId: string): Promise<AccountRecord | undefined> {
    const r = await tx.accountRecords.latest(accountId, 'ChangeEmail');
    return r ? this.settle(tx, r) : undefined;
  }

  /**
   * Starts changing a member's logon e-mail. Failures: NotSupport.InvitedAccount (400),
   * AccountTypeOrStatusMismatch (409) for the management account or a member waiting for another
   * mail, InvalidParameter.Email.AlreadyUsed (409),
   * NotSupportedOperation.Account.EmailModify (400) while a change (or another mail) is pending.
   */
  async changeEmail(
    managementAccountId: string,
    member: Member,
    email: string,
  ): Promise<Result<AccountRecord, ApiFailure>> {
    if (member.account_id === managementAccountId)
      return err(
        failure(
          'AccountTypeOrStatusMismatch',
          'The e-mail address of the management account is changed in its own account settings, ' +
            'not through the resource directory.',
        ),
      );
    if (member.join_method === 'invited')
      return err(
        failure(
          'NotSupport.InvitedAccount',
          `The member ${member.account_id} joined by invitation: only its owner can change its e-mail address.`,
        ),
      );
    if (UNCONFIRMED.test(member.status))
      return err(
        failure(
          'AccountTypeOrStatusMismatch',
          `The member ${member.account_id} is in status ${member.status}: wait for its confirmation mail or cancel it.`,
        ),
      );
    return this.store.atomically(async (tx) => {
      const open = await this.currentChange(tx, member.account_id);
      if (open && this.statusNow(open) === 'Pending') return err(modifying(member.account_id));
      if (await tx.accountRecords.nameTaken(email)) return err(emailTaken(email));
      const record = this.newRecord('ChangeEmail', member, email);
      if (!(await tx.accountRecords.insert(record))) return err(modifying(member.account_id));
      return ok(record);
    });
  }

  /**
   * Sends the confirmation mail of an open (or expired) e-mail change again.
   * Failure: EntityNotExists.EmailModifyRecord.
   */
  async retryChangeEmail(accountId: string): Promise<Result<AccountRecord, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const r = await this.currentChange(tx, accountId);
      const s = r && this.statusNow(r);
      if (!r || (s !== 'Pending' && s !== 'Expired')) return err(noChange(accountId));
      if (!(await tx.accountRecords.resend(r.record_id, this.mailTimes(), this.clock.now())))
        return err(noChange(accountId));
      return ok(r);
    });
  }

  /** Cancels the open e-mail change. Failure: EntityNotExists.EmailModifyRecord when none is open. */
  async cancelChangeEmail(accountId: string): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const r = await this.currentChange(tx, accountId);
      if (!r || this.statusNow(r) !== 'Pending') return err(noChange(accountId));
      if (!(await tx.accountRecords.settle(r.record_id, 'Cancelled', this.clock.now())))
        return err(noChange(accountId));
      return ok(undefined);
    });
  }
}

export const emailTaken = (email: string): ApiFailure =>
  failure('InvalidParameter.Email.AlreadyUsed', `The e-mail address ${email} is already used by an account.`);

const modifying = (accountId: string): ApiFailure =>
  failure(
    'NotSupportedOperation.Account.EmailModify',
    `The e-mail address of the member ${accountId} is being changed: retry or cancel that change first.`,
  );

const noChange = (accountId: string): ApiFailure =>
  failure(
    'EntityNotExists.EmailModifyRecord',
    `The member ${accountId} has no pending e-mail change ` +
      '(none was started, or it completed, was cancelled or expired).',
  );
