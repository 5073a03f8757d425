import type { Operation } from '../define.js';
import sendVerificationCode from './send-verification-code-for-bind-secure-mobile-phone.js';
import bindSecureMobilePhone from './bind-secure-mobile-phone.js';
import getResourceDirectory from './get-resource-directory.js';
import createResourceAccount from './create-resource-account.js';
import getAccount from './get-account.js';
import listAccounts from './list-accounts.js';
import createFolder from './create-folder.js';
import getFolder from './get-folder.js';
import updateFolder from './update-folder.js';
import deleteFolder from './delete-folder.js';
import listFoldersForParent from './list-folders-for-parent.js';
import listAncestors from './list-ancestors.js';
import listAccountsForParent from './list-accounts-for-parent.js';
import moveAccount from './move-account.js';
import updateAccount from './update-account.js';
import getPayerForAccount from './get-payer-for-account.js';

/** Every Resource Directory operation resdir serves, listed explicitly. */
export const resourceDirectoryOperations: readonly Operation[] = [
  sendVerificationCode,
  bindSecureMobilePhone,
  getResourceDirectory,
  createResourceAccount,
  getAccount,
  listAccounts,
  createFolder,
  getFolder,
  updateFolder,
  deleteFolder,
  listFoldersForParent,
  listAncestors,
  listAccountsForParent,
  moveAccount,
  updateAccount,
  getPayerForAccount,
];
