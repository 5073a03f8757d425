/**
 * Facts of control policies shared by their management and their enforcement: the system policy,
 * the documented limits, and how the switch's Pending statuses complete.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { ControlPolicySwitch, ControlPolicyStatus } from '../../store/control-policy-ports.js';

/** The system control policy: attached to every folder and member while control policies are enabled. */
export const SYSTEM_POLICY_ID = 'FullAliyunAccess';
export const SYSTEM_POLICY_DOCUMENT = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
export const SYSTEM_POLICY_DESCRIPTION = 'Allows all operations on all Alibaba Cloud services and resources.';
/** Documented: at most 10 control policies attached to one folder or member. */
export const MAX_ATTACHMENTS_PER_TARGET = 10;
/** resdir's choice (docs/decisions.md): custom control policies per directory. */
export const MAX_CUSTOM_POLICIES = 1500;
/** Documented: a control policy document has at most 4,096 characters. */
export const MAX_DOCUMENT_LENGTH = 4096;

/** The switch as callers see it: a Pending status reads as its end state once `delayMs` has passed. */
export function effectiveStatus(sw: ControlPolicySwitch, now: number, delayMs: number): ControlPolicyStatus {
  const done = sw.changedAt === null || now >= sw.changedAt + delayMs;
  if (sw.status === 'PendingEnable' && done) return 'Enabled';
  if (sw.status === 'PendingDisable' && done) return 'Disabled';
  return sw.status;
}

/** A folder ID (r-…, fd-…) or a member's 16-digit account ID. */
export const targetTypeOf = (targetId: string): 'Folder' | 'Account' =>
  /^\d{16}$/.test(targetId) ? 'Account' : 'Folder';

export const statusRefused = (status: ControlPolicyStatus, what: string): ApiFailure =>
  failure(
    'InvalidControlPolicyEnablementStatus',
    `The control policy feature is ${status}: ${what}. Check it with GetControlPolicyEnablementStatus.`,
  );
export const policyMissing = (id: string): ApiFailure =>
  failure('EntityNotExists.ControlPolicy', `The control policy ${id} does not exist in the resource directory.`);
export const targetMissing = (id: string): ApiFailure =>
  failure('EntityNotExists.Target', `The target ${id} is not a folder or member of the resource directory.`);
