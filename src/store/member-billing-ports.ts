/** The store's primitives for members' payers and the display-name synchronization switch. */
export interface MemberBillingRepo {
  /** The directory's switch; Disabled when never set. */
  displayNameSync(directoryId: string): Promise<'Enabled' | 'Disabled'>;
  setDisplayNameSync(directoryId: string, status: 'Enabled' | 'Disabled', now: number): Promise<void>;
  /** The payer recorded for the account in that directory, if any (it may have left since). */
  payerOf(directoryId: string, accountId: string): Promise<string | undefined>;
  /** Records the payer; a payer equal to the account removes the record (it pays for itself). */
  setPayer(directoryId: string, accountId: string, payerAccountId: string, now: number): Promise<void>;
  /** Accounts of the directory whose recorded payer is `payerAccountId` (other than itself). */
  paidBy(directoryId: string, payerAccountId: string): Promise<string[]>;
}
