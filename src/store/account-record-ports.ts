/**
 * The store's primitives for e-mail confirmation records (ChangeAccountEmail, CreateCloudAccount,
 * PromoteResourceAccount). Each primitive that guards a state change is one atomic statement;
 * "→ boolean" reports whether it changed a row.
 */
import type { AccountRecordKind, AccountRecordStatus, AccountRecordsTable } from './account-record-schema.js';

export type AccountRecord = AccountRecordsTable;
export type { AccountRecordKind, AccountRecordStatus };

/** When a (re)sent mail is confirmed and when it expires. */
export interface MailTimes {
  sent_at: number;
  confirm_at: number | null;
  expires_at: number;
}

export interface AccountRecordRepo {
  /** False (nothing written) when the account already has a Pending record. */
  insert(r: AccountRecord): Promise<boolean>;
  get(recordId: string): Promise<AccountRecord | undefined>;
  /** The newest record of the account, of one kind. */
  latest(accountId: string, kind: AccountRecordKind): Promise<AccountRecord | undefined>;
  /** The newest record of each of the accounts, of one kind. */
  latestOf(accountIds: readonly string[], kind: AccountRecordKind): Promise<Map<string, AccountRecord>>;
  /** Pending → `to`, if still Pending: true for exactly one of racing callers. */
  settle(recordId: string, to: Exclude<AccountRecordStatus, 'Pending'>, now: number): Promise<boolean>;
  /**
   * Pending or Expired → Pending with new mail times, unless the account has another Pending
   * record: true when it changed the row.
   */
  resend(recordId: string, times: MailTimes, now: number): Promise<boolean>;
  /** Pending records whose confirmation or expiry time has come. */
  due(now: number, limit: number): Promise<AccountRecord[]>;
  /** Deletes the records of an account (its account is gone). */
  forget(accountId: string): Promise<void>;

  /** Whether an account already has this logon name. */
  nameTaken(name: string): Promise<boolean>;
  /** Sets an account's logon name; false when another account has it. */
  rename(accountId: string, name: string): Promise<boolean>;
  /** Sets a member's status (and type), guarded by its current status: false when it changed meanwhile. */
  setMemberState(
    accountId: string,
    from: string,
    to: { status: string; type?: 'ResourceAccount' | 'CloudAccount' },
    now: number,
  ): Promise<boolean>;
  /** Removes a member and its account that never came to exist (an unconfirmed cloud account). */
  dropUnconfirmed(accountId: string): Promise<void>;
}
