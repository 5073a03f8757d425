/**
 * The 2020-03-31 member operations that wait for a confirmation mail: CreateCloudAccount and
 * PromoteResourceAccount, with their resend and cancel partners (see mail-records.ts for the
 * timing). A cloud account being created is a member of status CreateVerifying (it holds its
 * display name and e-mail); once confirmed it is CreateSuccess and gets the access role. A
 * cancelled creation removes the member and its account; an expired one stays CreateExpired
 * until a resend. A promoted ResourceAccount is PromoteVerifying, then a CloudAccount of status
 * PromoteSuccess whose logon name is the e-mail (PromoteCancelled / PromoteExpired / PromoteFailed
 * leave it a working ResourceAccount).
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { newAccountId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Member, Repos } from '../../store/ports.js';
import type { AccountRecord } from '../../store/account-record-ports.js';
import { emailTaken, type MailConfirmations, memberStateOf, UNCONFIRMED } from './mail-records.js';

export interface NewCloudAccount {
  displayName: string;
  email: string;
  folderId: string;
}

/** A record and its member as they are after the operation. */
export interface RecordAndMember {
  record: AccountRecord;
  member: Member;
}

type FlowKind = 'CreateCloudAccount' | 'PromoteResourceAccount';

const noRecord = (recordId: string): ApiFailure =>
  failure('EntityNotExists.AccountRecord', `The account record ${recordId} does not exist in the resource directory.`);
const mismatch = (message: string): ApiFailure => failure('AccountTypeOrStatusMismatch', message);

export class CloudAccountFlows {
  constructor(private readonly mail: MailConfirmations) {}

  /**
   * Failures: EntityNotExists.Folder (404), InvalidParameter.Email.AlreadyUsed (409),
   * InvalidParameter.Account.DisplayName.AlreadyUsed (409).
   */
  async create(dir: Directory, input: NewCloudAccount): Promise<Result<RecordAndMember, ApiFailure>> {
    const { store, clock } = this.mail;
    return store.atomically(async (tx) => {
      const folder = await tx.directory.getFolder(input.folderId);
      if (!folder || folder.directory_id !== dir.id)
        return err(failure('EntityNotExists.Folder', `The folder ${input.folderId} does not exist in the directory.`));
      if (await tx.accountRecords.nameTaken(input.email)) return err(emailTaken(input.email));
      const now = clock.now();
      const accountId = newAccountId();
      const displayName = input.displayName.normalize('NFC');
      const account = { id: accountId, account_name: input.email, display_name: displayName };
      if (
        !(await tx.directory.createAccount({
          ...account,
          secure_mobile_phone: null,
          secure_mobile_bound_at: null,
          created_at: now,
        }))
      )
        return err(emailTaken(input.email));
      const added = await tx.directory.addMember({
        account_id: accountId,
        directory_id: dir.id,
        folder_id: input.folderId,
        type: 'CloudAccount',
        join_method: 'created',
        status: 'CreateVerifying',
        display_name: displayName,
        join_time: now,
        modify_time: now,
      });
      if (!added)
        return err(
          failure(
            'InvalidParameter.Account.DisplayName.AlreadyUsed',
            `The display name "${displayName}" is already used in the resource directory.`,
          ),
        );
      const record = this.mail.newRecord(
        'CreateCloudAccount',
        { account_id: accountId, directory_id: dir.id },
        input.email,
      );
      await tx.accountRecords.insert(record);
      return ok({ record, member: await reread(tx, accountId) });
    });
  }

  /**
   * Failures: AccountTypeOrStatusMismatch (409) unless a ResourceAccount in a settled status,
   * InvalidParameter.Email.AlreadyUsed (409).
   */
  async promote(member: Member, email: string): Promise<Result<RecordAndMember, ApiFailure>> {
    const { store, clock } = this.mail;
    if (member.type !== 'ResourceAccount')
      return err(
        mismatch(`The member ${member.account_id} is a ${member.type}: only a ResourceAccount can be promoted.`),
      );
    if (UNCONFIRMED.test(member.status))
      return err(mismatch(`The member ${member.account_id} is in status ${member.status}.`));
    return store.atomically(async (tx) => {
      if (await tx.accountRecords.nameTaken(email)) return err(emailTaken(email));
      const record = this.mail.newRecord('PromoteResourceAccount', member, email);
      if (!(await tx.accountRecords.insert(record)))
        return err(mismatch(`The member ${member.account_id} has a pending confirmation mail.`));
      const moved = await tx.accountRecords.setMemberState(
        member.account_id,
        member.status,
        { status: 'PromoteVerifying' },
        clock.now(),
      );
      if (!moved) return err(failure('ConcurrentCallNotSupported'));
      return ok({ record, member: await reread(tx, member.account_id) });
    });
  }

  /** Failures: EntityNotExists.AccountRecord (404), AccountTypeOrStatusMismatch (409) unless Pending or Expired. */
  async resend(dir: Directory, kind: FlowKind, recordId: string): Promise<Result<RecordAndMember, ApiFailure>> {
    const { store, clock } = this.mail;
    return store.atomically(async (tx) => {
      const found = await this.recordOf(tx, dir, kind, recordId);
      if (!found.ok) return found;
      const r = found.value;
      if (r.status !== 'Pending' && r.status !== 'Expired')
        return err(mismatch(`The account record ${recordId} is ${r.status}: there is no mail to send again.`));
      const now = clock.now();
      if (!(await tx.accountRecords.resend(recordId, this.mail.mailTimes(now), now)))
        return err(mismatch(`The member ${r.account_id} has another pending confirmation mail.`));
      if (r.status === 'Expired') {
        const from = memberStateOf(kind, 'Expired');
        await tx.accountRecords.setMemberState(r.account_id, from, { status: memberStateOf(kind, 'Pending') }, now);
      }
      const record = await tx.accountRecords.get(recordId);
      if (!record) throw new Error('record vanished inside its own transaction');
      return ok({ record, member: await reread(tx, r.account_id) });
    });
  }

  /** Failures: EntityNotExists.AccountRecord (404), AccountTypeOrStatusMismatch (409) unless Pending. */
  async cancel(dir: Directory, kind: FlowKind, recordId: string): Promise<Result<void, ApiFailure>> {
    const { store, clock } = this.mail;
    return store.atomically(async (tx) => {
      const found = await this.recordOf(tx, dir, kind, recordId);
      if (!found.ok) return found;
      const r = found.value;
      const now = clock.now();
      if (r.status !== 'Pending' || !(await tx.accountRecords.settle(recordId, 'Cancelled', now)))
        return err(mismatch(`The account record ${recordId} is ${r.status}: only a pending one can be cancelled.`));
      if (kind === 'CreateCloudAccount') await tx.accountRecords.dropUnconfirmed(r.account_id);
      else
        await tx.accountRecords.setMemberState(r.account_id, 'PromoteVerifying', { status: 'PromoteCancelled' }, now);
      return ok(undefined);
    });
  }

  /** The record of `kind` in `dir`, settled when due. */
  private async recordOf(
    tx: Repos,
    dir: Directory,
    kind: FlowKind,
    recordId: string,
  ): Promise<Result<AccountRecord, ApiFailure>> {
    const r = await tx.accountRecords.get(recordId);
    if (!r || r.kind !== kind || r.directory_id !== dir.id) return err(noRecord(recordId));
    return ok(await this.mail.settle(tx, r));
  }
}

async function reread(tx: Repos, accountId: string): Promise<Member> {
  const m = await tx.directory.getMember(accountId);
  if (!m) throw new Error('member vanished inside its own transaction');
  return m;
}
