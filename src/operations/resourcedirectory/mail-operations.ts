import type { Operation } from '../define.js';
import changeAccountEmail from './change-account-email.js';
import retryChangeAccountEmail from './retry-change-account-email.js';
import cancelChangeAccountEmail from './cancel-change-account-email.js';
import createCloudAccount from './create-cloud-account.js';
import promoteResourceAccount from './promote-resource-account.js';
import resendCreateCloudAccountEmail from './resend-create-cloud-account-email.js';
import resendPromoteResourceAccountEmail from './resend-promote-resource-account-email.js';
import cancelCreateCloudAccount from './cancel-create-cloud-account.js';
import cancelPromoteResourceAccount from './cancel-promote-resource-account.js';

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
