import type { Operation } from '../define.js';
import sendVerificationCode from './send-verification-code-for-bind-secure-mobile-phone.js';
import bindSecureMobilePhone from './bind-secure-mobile-phone.js';
import getResourceDirectory from './get-resource-directory.js';
import createResourceAccount from './create-resource-account.js';
import getAccount from './get-account.js';
import listAccounts from './list-accounts.js';

/** Every Resource Directory operation resdir serves, listed explicitly. */
export const resourceDirectoryOperations: readonly Operation[] = [
  sendVerificationCode,
  bindSecureMobilePhone,
  getResourceDirectory,
  createResourceAccount,
  getAccount,
  listAccounts,
];
