import type { Operation } from '../define.js';
import enableControlPolicy from './enable-control-policy.js';
import disableControlPolicy from './disable-control-policy.js';
import getControlPolicyEnablementStatus from './get-control-policy-enablement-status.js';
import createControlPolicy from './create-control-policy.js';
import getControlPolicy from './get-control-policy.js';
import updateControlPolicy from './update-control-policy.js';
import deleteControlPolicy from './delete-control-policy.js';
import listControlPolicies from './list-control-policies.js';
import { attachControlPolicy, detachControlPolicy } from './attachment-operations.js';
import listControlPolicyAttachmentsForTarget from './list-control-policy-attachments-for-target.js';
import listTargetAttachmentsForControlPolicy from './list-target-attachments-for-control-policy.js';

/** The control policy operations of Resource Directory (both API versions), listed explicitly. */
export const controlPolicyOperations: readonly Operation[] = [
  enableControlPolicy,
  disableControlPolicy,
  getControlPolicyEnablementStatus,
  createControlPolicy,
  getControlPolicy,
  updateControlPolicy,
  deleteControlPolicy,
  listControlPolicies,
  attachControlPolicy,
  detachControlPolicy,
  listControlPolicyAttachmentsForTarget,
  listTargetAttachmentsForControlPolicy,
];
