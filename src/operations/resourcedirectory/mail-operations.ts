import type { Operation } from '../define.js';
import changeAccountEmail from './change-account-email.js';
import { cancelChangeAccountEmail, retryChangeAccountEmail } from './email-change-followups.js';
import createCloudAccount from './create-cloud-account.js';
import promoteResourceAccount from './promote-resource-account.js';
import {
  cancelCreateCloudAccount,
  cancelPromoteResourceAccount,
  resendCreateCloudAccountEmail,
  resendPromoteResourceAccountEmail,
} from './record-operations.js';

/** The operations that wait for a confirmation mail (domain/directory/mail-records.ts). */
export const mailOperations: readonly Operation[] = [
  changeAccountEmail,
  retryChangeAccountEmail,
  cancelChangeAccountEmail,
  createCloudAccount,
  promoteResourceAccount,
  resendCreateCloudAccountEmail,
  resendPromoteResourceAccountEmail,
  cancelCreateCloudAccount,
  cancelPromoteResourceAccount,
];
