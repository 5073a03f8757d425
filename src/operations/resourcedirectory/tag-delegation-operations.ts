import type { Operation } from '../define.js';
import tagResources from './tag-resources.js';
import untagResources from './untag-resources.js';
import listTagResources from './list-tag-resources.js';
import listTagKeys from './list-tag-keys.js';
import listTagValues from './list-tag-values.js';
import registerDelegatedAdministrator from './register-delegated-administrator.js';
import deregisterDelegatedAdministrator from './deregister-delegated-administrator.js';
import listDelegatedAdministrators from './list-delegated-administrators.js';
import listDelegatedServicesForAccount from './list-delegated-services-for-account.js';
import listTrustedServiceStatus from './list-trusted-service-status.js';

/** The tag and delegated-administrator operations of Resource Directory. */
export const tagAndDelegationOperations: readonly Operation[] = [
  tagResources,
  untagResources,
  listTagResources,
  listTagKeys,
  listTagValues,
  registerDelegatedAdministrator,
  deregisterDelegatedAdministrator,
  listDelegatedAdministrators,
  listDelegatedServicesForAccount,
  listTrustedServiceStatus,
];
