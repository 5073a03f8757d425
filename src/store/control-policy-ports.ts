/**
 * The store's contract for control policies. Every change runs inside `store.atomically` after
 * `lockSwitch`, which locks the directory's options row (the whole database on SQLite): control
 * policy changes of one directory are serialized, so a check made after it (a name is free, a
 * target has fewer than the maximum attachments, a policy is attached nowhere) stays true until the
 * transaction ends.
 */
import type { ControlPoliciesTable, ControlPolicyAttachmentsTable } from './control-policy-schema.js';
import type { DirectoryOptionsTable } from './lifecycle-schema.js';

export type ControlPolicyRow = ControlPoliciesTable;
export type ControlPolicyStatus = DirectoryOptionsTable['control_policy_status'];

/** The control policy switch as stored: a Pending status completes a delay after `changedAt`. */
export interface ControlPolicySwitch {
  status: ControlPolicyStatus;
  changedAt: number | null;
}

/** Where an account sits in a directory, with that directory's switch: what enforcement needs. */
export interface MemberScope {
  directoryId: string;
  managementAccountId: string;
  folderId: string;
  switch: ControlPolicySwitch;
}

/** A custom policy attached to a target. */
export interface CustomAttachment {
  targetId: string;
  attachedAt: number;
  policy: ControlPolicyRow;
}

/** A folder or member a policy is attached to, with its name. */
export interface TargetAttachment {
  targetId: string;
  targetName: string;
  targetType: ControlPolicyAttachmentsTable['target_type'];
  attachedAt: number;
}

export interface ControlPolicyRepo {
  /** Locks (creating it when missing) the directory's options row and returns the switch. */
  lockSwitch(directoryId: string, now: number): Promise<ControlPolicySwitch>;
  readSwitch(directoryId: string): Promise<ControlPolicySwitch>;
  setSwitch(directoryId: string, status: ControlPolicyStatus, now: number): Promise<void>;
  /** The account's membership and its directory's switch, in one statement; undefined for a non-member. */
  scopeOf(accountId: string): Promise<MemberScope | undefined>;

  insertPolicy(p: ControlPolicyRow): Promise<void>;
  countPolicies(directoryId: string): Promise<number>;
  getPolicy(directoryId: string, id: string): Promise<ControlPolicyRow | undefined>;
  policyNamed(directoryId: string, name: string): Promise<ControlPolicyRow | undefined>;
  updatePolicy(
    id: string,
    p: Pick<ControlPolicyRow, 'name' | 'description' | 'document' | 'updated_at'>,
  ): Promise<void>;
  deletePolicy(id: string): Promise<void>;
  /** Custom policies of the directory, oldest first. */
  listPolicies(
    directoryId: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; policies: ControlPolicyRow[] }>;

  /** Custom policies attached to any of the targets, oldest attachment first. */
  customAttachments(directoryId: string, targetIds: readonly string[]): Promise<CustomAttachment[]>;
  /** Of the targets, those FullAliyunAccess was detached from. */
  systemDetached(directoryId: string, targetIds: readonly string[]): Promise<Set<string>>;
  attach(a: ControlPolicyAttachmentsTable): Promise<void>;
  /** false when the policy was not attached to the target. */
  detach(targetId: string, policyId: string): Promise<boolean>;
  detachSystem(directoryId: string, targetId: string, now: number): Promise<void>;
  /** Attaches FullAliyunAccess again; false when it was attached. */
  reattachSystem(targetId: string): Promise<boolean>;
  /** The existing folders and members a custom policy is attached to, oldest attachment first. */
  targetsOfPolicy(
    directoryId: string,
    policyId: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; targets: TargetAttachment[] }>;
  /** Every folder and member of the directory FullAliyunAccess is attached to, oldest first. */
  systemTargets(
    directoryId: string,
    offset: number,
    limit: number,
  ): Promise<{ total: number; targets: TargetAttachment[] }>;
  /** Detaches every policy of the directory (custom attachments and FullAliyunAccess detachments go). */
  clearAttachments(directoryId: string): Promise<void>;
  /** Removes every control policy record of a directory (when it is destroyed). */
  dropDirectory(directoryId: string): Promise<void>;
}
