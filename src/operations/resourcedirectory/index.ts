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
import sendVerificationCodeForEnableRd from './send-verification-code-for-enable-rd.js';
import enableResourceDirectory from './enable-resource-directory.js';
import initResourceDirectory from './init-resource-directory.js';
import destroyResourceDirectory from './destroy-resource-directory.js';
import setMemberDeletionPermission from './set-member-deletion-permission.js';
import checkAccountDelete from './check-account-delete.js';
import getAccountDeletionCheckResult from './get-account-deletion-check-result.js';
import deleteAccount from './delete-account.js';
import getAccountDeletionStatus from './get-account-deletion-status.js';
import removeCloudAccount from './remove-cloud-account.js';
import inviteAccountToResourceDirectory from './invite-account-to-resource-directory.js';
import acceptHandshake from './accept-handshake.js';
import declineHandshake from './decline-handshake.js';
import cancelHandshake from './cancel-handshake.js';
import getHandshake from './get-handshake.js';
import listHandshakesForAccount from './list-handshakes-for-account.js';
import listHandshakesForResourceDirectory from './list-handshakes-for-resource-directory.js';
import { mailOperations } from './mail-operations.js';
import setMemberDisplayNameSyncStatus from './set-member-display-name-sync-status.js';
import precheckForConsolidatedBillingAccount from './precheck-for-consolidated-billing-account.js';
import updatePayerForAccount from './update-payer-for-account.js';
import listAuthorizedAccounts from './list-authorized-accounts.js';
import listAuthorizedFolders from './list-authorized-folders.js';
import { tagAndDelegationOperations } from './tag-delegation-operations.js';

/** Every Resource Directory operation resdir serves, listed explicitly. */
import { messageContactOperations } from './message-contact-operations.js';
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
  sendVerificationCodeForEnableRd,
  enableResourceDirectory,
  initResourceDirectory,
  destroyResourceDirectory,
  setMemberDeletionPermission,
  checkAccountDelete,
  getAccountDeletionCheckResult,
  deleteAccount,
  getAccountDeletionStatus,
  removeCloudAccount,
  inviteAccountToResourceDirectory,
  acceptHandshake,
  declineHandshake,
  cancelHandshake,
  getHandshake,
  listHandshakesForAccount,
  listHandshakesForResourceDirectory,
  setMemberDisplayNameSyncStatus,
  precheckForConsolidatedBillingAccount,
  updatePayerForAccount,
  listAuthorizedAccounts,
  listAuthorizedFolders,
  ...mailOperations,
  ...tagAndDelegationOperations,
  ...messageContactOperations,
];
