/**
 * The store conformance suite: every port method's contract and every concurrency primitive's
 * race, run on each dialect in `dialects` (test/store/dialects.ts). A dialect that passes this
 * suite can back resdir.
 */
import { describe, it } from 'vitest';
import { dialects, useDatabase } from './dialects.js';
import { directoryContract } from './contract-directory.js';
import { verificationContract } from './contract-verification.js';
import { deliveryContract } from './contract-delivery.js';
import { atomicallyContract } from './contract-atomically.js';
import { raceCases } from './races.js';
import { ramContract, ramRaces } from './contract-ram.js';
import { defenceContract } from './contract-defence.js';
import { smsRecordsContract } from './contract-sms-records.js';
import { hotPathContract } from './contract-hot-path.js';
import { consoleContract } from './contract-console.js';
import { bindPhoneContract } from './contract-bind-phone.js';
import { accountRecordsContract } from './contract-account-records.js';
import { ramExtrasContract } from './contract-ram-extras.js';
import { tagsContract } from './contract-tags.js';
import { memberBillingContract } from './contract-member-billing.js';
import { messageContactsContract } from './contract-message-contacts.js';

describe.each(dialects)('store conformance: $name', (dialect) => {
  if (dialect.unavailable) {
    it.skip(`SKIPPED on ${dialect.name}: ${dialect.unavailable}`, () => undefined);
    return;
  }
  const db = useDatabase(dialect);
  directoryContract(dialect, db);
  verificationContract(db);
  deliveryContract(db);
  atomicallyContract(db);
  raceCases(db);
  ramContract(db);
  ramRaces(db);
  defenceContract(db);
  smsRecordsContract(db);
  hotPathContract(db);
  bindPhoneContract(db);
  consoleContract(db);
  accountRecordsContract(db);
  ramExtrasContract(db);
  tagsContract(db);
  memberBillingContract(db);
  messageContactsContract(db);
});
