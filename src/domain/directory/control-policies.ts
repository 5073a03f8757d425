/**
 * Managing control policies: the directory's switch (asynchronous, as on Alibaba Cloud: Enable
 * answers PendingEnable, which reads Enabled a configured delay later; Disable likewise), custom
 * policies, and their attachments to folders and members. Every change locks the directory's switch
 * first (see store/control-policy-ports.ts), so limits and conflicts hold under races.
 * Disabling detaches every policy (custom ones are kept); while the switch is not Enabled nothing is
 * attached, and FullAliyunAccess is attached to every folder and member until it is detached.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { parsePolicyDocument } from '../../auth/policy/parse.js';
import type { Clock } from '../../lib/clock.js';
import { newControlPolicyId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ControlPolicyRow, ControlPolicyStatus } from '../../store/control-policy-ports.js';
import type { Directory, Repos, Store } from '../../store/ports.js';
import {
  effectiveStatus,
  MAX_CUSTOM_POLICIES,
  MAX_DOCUMENT_LENGTH,
  policyMissing,
  statusRefused,
  SYSTEM_POLICY_DESCRIPTION,
  SYSTEM_POLICY_DOCUMENT,
  SYSTEM_POLICY_ID,
} from './control-policy-rules.js';

/** A policy as the operations show it; `system` for FullAliyunAccess. */
export interface ControlPolicyInfo {
  row: ControlPolicyRow;
  system: boolean;
  attachmentCount: number;
}

type R<T> = Promise<Result<T, ApiFailure>>;

export class ControlPolicyService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  async status(dir: Directory): Promise<ControlPolicyStatus> {
    return effectiveStatus(await this.store.controlPolicies.readSwitch(dir.id), this.clock.now(), this.delayMs);
  }

  /**
   * Failures: Throttling.EnableControlPolicy while PendingDisable, InvalidControlPolicyEnablementStatus
   * while Enabled or PendingEnable.
   */
  enable(dir: Directory): R<ControlPolicyStatus> {
    return this.switchTo(dir, 'Disabled', 'PendingEnable');
  }

  /** Detaches every policy at once. Failure: InvalidControlPolicyEnablementStatus unless Enabled. */
  disable(dir: Directory): R<ControlPolicyStatus> {
    return this.switchTo(dir, 'Enabled', 'PendingDisable');
  }

  private switchTo(dir: Directory, from: ControlPolicyStatus, to: ControlPolicyStatus): R<ControlPolicyStatus> {
    return this.store.atomically(async (tx) => {
      const now = this.clock.now();
      const sw = await tx.controlPolicies.lockSwitch(dir.id, now);
      const current = effectiveStatus(sw, now, this.delayMs);
      if (to === 'PendingEnable' && current === 'PendingDisable') {
        // Enabling again while the last disabling is under way: too frequent, retry once it completed.
        const waitMs = Math.max(1, (sw.changedAt ?? now) + this.delayMs - now);
        const minutes = Math.ceil(waitMs / 60_000);
        return err(
          failure(
            'Throttling.EnableControlPolicy',
            `The enable operation is too frequent. Please try again in ${minutes} minute(s).`,
            waitMs,
          ),
        );
      }
      if (current !== from) return err(statusRefused(current, `it must be ${from} to become ${to}`));
      await tx.controlPolicies.clearAttachments(dir.id);
      await tx.controlPolicies.setSwitch(dir.id, to, now);
      return ok(to);
    });
  }

  /** Failures: MalformedPolicyDocument, EntityAlreadyExists.ControlPolicy, LimitExceeded.ControlPolicy. */
  create(dir: Directory, name: string, description: string, document: string): R<ControlPolicyInfo> {
    return this.store.atomically(async (tx) => {
      const now = this.clock.now();
      await tx.controlPolicies.lockSwitch(dir.id, now);
      const bad = documentProblem(document);
      if (bad) return err(bad);
      if (await this.nameTaken(tx, dir, name)) return err(nameTaken(name));
      if ((await tx.controlPolicies.countPolicies(dir.id)) >= MAX_CUSTOM_POLICIES)
        return err(failure('LimitExceeded.ControlPolicy'));
      const row: ControlPolicyRow = {
        id: newControlPolicyId(),
        directory_id: dir.id,
        name,
        description,
        document,
        effect_scope: 'RAM',
        created_at: now,
        updated_at: now,
      };
      await tx.controlPolicies.insertPolicy(row);
      return ok({ row, system: false, attachmentCount: 0 });
    });
  }

  /** Failure: EntityNotExists.ControlPolicy. */
  async get(dir: Directory, id: string): R<ControlPolicyInfo> {
    const enabled = (await this.status(dir)) === 'Enabled';
    if (id === SYSTEM_POLICY_ID) return ok(await this.systemInfo(this.store, dir, enabled));
    const row = await this.store.controlPolicies.getPolicy(dir.id, id);
    if (!row) return err(policyMissing(id));
    return ok({ row, system: false, attachmentCount: enabled ? await this.countTargets(this.store, dir, id) : 0 });
  }

  /**
   * Changes the given fields. Failures: NoPermission.SystemControlPolicy, EntityNotExists.ControlPolicy,
   * MalformedPolicyDocument, EntityAlreadyExists.ControlPolicy.
   */
  update(
    dir: Directory,
    id: string,
    change: { name?: string; description?: string; document?: string },
  ): R<ControlPolicyInfo> {
    return this.store.atomically(async (tx) => {
      const now = this.clock.now();
      const sw = await tx.controlPolicies.lockSwitch(dir.id, now);
      if (id === SYSTEM_POLICY_ID) return err(failure('NoPermission.SystemControlPolicy'));
      const row = await tx.controlPolicies.getPolicy(dir.id, id);
      if (!row) return err(policyMissing(id));
      if (change.document !== undefined) {
        const bad = documentProblem(change.document);
        if (bad) return err(bad);
      }
      if (change.name !== undefined && change.name !== row.name && (await this.nameTaken(tx, dir, change.name)))
        return err(nameTaken(change.name));
      const next = {
        name: change.name ?? row.name,
        description: change.description ?? row.description,
        document: change.document ?? row.document,
        updated_at: now,
      };
      await tx.controlPolicies.updatePolicy(id, next);
      const enabled = effectiveStatus(sw, now, this.delayMs) === 'Enabled';
      return ok({
        row: { ...row, ...next },
        system: false,
        attachmentCount: enabled ? await this.countTargets(tx, dir, id) : 0,
      });
    });
  }

  /**
   * Failures: NoPermission.SystemControlPolicy, EntityNotExists.ControlPolicy,
   * DeleteConflict.ControlPolicy.Attachment.
   */
  delete(dir: Directory, id: string): R<void> {
    return this.store.atomically(async (tx) => {
      await tx.controlPolicies.lockSwitch(dir.id, this.clock.now());
      if (id === SYSTEM_POLICY_ID) return err(failure('NoPermission.SystemControlPolicy'));
      if (!(await tx.controlPolicies.getPolicy(dir.id, id))) return err(policyMissing(id));
      if ((await this.countTargets(tx, dir, id)) > 0) return err(failure('DeleteConflict.ControlPolicy.Attachment'));
      await tx.controlPolicies.deletePolicy(id);
      return ok(undefined);
    });
  }

  /** FullAliyunAccess first (unless only Custom is asked for), then custom policies oldest first. */
  async list(
    dir: Directory,
    type: 'System' | 'Custom' | undefined,
    page: number,
    size: number,
  ): Promise<{ total: number; policies: ControlPolicyInfo[] }> {
    const enabled = (await this.status(dir)) === 'Enabled';
    const withSystem = type !== 'Custom';
    const withCustom = type !== 'System';
    const offset = (page - 1) * size;
    const out: ControlPolicyInfo[] = [];
    if (withSystem && offset === 0) out.push(await this.systemInfo(this.store, dir, enabled));
    const skip = withSystem ? 1 : 0;
    const custom = withCustom
      ? await this.store.controlPolicies.listPolicies(dir.id, Math.max(0, offset - skip), size - out.length)
      : { total: 0, policies: [] };
    for (const row of custom.policies)
      out.push({ row, system: false, attachmentCount: enabled ? await this.countTargets(this.store, dir, row.id) : 0 });
    return { total: custom.total + skip, policies: out };
  }

  private async nameTaken(tx: Repos, dir: Directory, name: string): Promise<boolean> {
    if (name.toLowerCase() === SYSTEM_POLICY_ID.toLowerCase()) return true;
    return (await tx.controlPolicies.policyNamed(dir.id, name)) !== undefined;
  }

  async countTargets(tx: Pick<Repos, 'controlPolicies'>, dir: Directory, id: string): Promise<number> {
    return (await tx.controlPolicies.targetsOfPolicy(dir.id, id, 0, 1)).total;
  }

  async systemInfo(tx: Pick<Repos, 'controlPolicies'>, dir: Directory, enabled: boolean) {
    const count = enabled ? (await tx.controlPolicies.systemTargets(dir.id, 0, 1)).total : 0;
    return { row: systemRow(dir), system: true, attachmentCount: count };
  }
}

const nameTaken = (name: string) =>
  failure(
    'EntityAlreadyExists.ControlPolicy',
    `A control policy named "${name}" already exists in the resource directory.`,
  );

function documentProblem(document: string): ApiFailure | undefined {
  if (document.length > MAX_DOCUMENT_LENGTH) return failure('InvalidParameter.PolicyDocument.Length');
  const doc = parsePolicyDocument(document);
  return doc.ok ? undefined : failure('MalformedPolicyDocument', `The policy document is malformed: ${doc.error}`);
}

function systemRow(dir: Directory): ControlPolicyRow {
  return {
    id: SYSTEM_POLICY_ID,
    directory_id: dir.id,
    name: SYSTEM_POLICY_ID,
    description: SYSTEM_POLICY_DESCRIPTION,
    document: SYSTEM_POLICY_DOCUMENT,
    effect_scope: 'RAM',
    created_at: dir.created_at,
    updated_at: dir.created_at,
  };
}
