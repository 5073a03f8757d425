/**
 * Attaching control policies to folders and members, and listing attachments either way. Both
 * changes need the switch Enabled and lock it first (store/control-policy-ports.ts): of two attaches
 * racing for the last free place on a target, exactly one wins. A target holds at most 10 policies
 * (FullAliyunAccess counts while attached) and never fewer than one.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ControlPolicySwitch, TargetAttachment } from '../../store/control-policy-ports.js';
import type { Directory, Repos, Store } from '../../store/ports.js';
import type { ControlPolicyInfo, ControlPolicyService } from './control-policies.js';
import {
  effectiveStatus,
  MAX_ATTACHMENTS_PER_TARGET,
  policyMissing,
  statusRefused,
  SYSTEM_POLICY_ID,
  targetMissing,
  targetTypeOf,
} from './control-policy-rules.js';

export interface PolicyOnTarget {
  info: ControlPolicyInfo;
  attachedAt: number;
}

type R<T> = Promise<Result<T, ApiFailure>>;
type Tx = Pick<Repos, 'controlPolicies' | 'directory'>;

/** What is attached to one target: FullAliyunAccess (or not) and the custom policies. */
interface OnTarget {
  system: boolean;
  customIds: Set<string>;
}

export class ControlPolicyAttachments {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly delayMs: number,
    private readonly policies: ControlPolicyService,
  ) {}

  /**
   * Failures: InvalidControlPolicyEnablementStatus, EntityNotExists.ControlPolicy, EntityNotExists.Target,
   * EntityAlreadyExists.ControlPolicyAttachment, LimitExceeded.ControlPolicyAttachment.
   */
  attach(dir: Directory, policyId: string, targetId: string): R<void> {
    return this.change(dir, policyId, targetId, async (tx, on, now) => {
      const attached = policyId === SYSTEM_POLICY_ID ? on.system : on.customIds.has(policyId);
      if (attached) return err(failure('EntityAlreadyExists.ControlPolicyAttachment'));
      if (on.customIds.size + (on.system ? 1 : 0) >= MAX_ATTACHMENTS_PER_TARGET)
        return err(failure('LimitExceeded.ControlPolicyAttachment'));
      if (policyId === SYSTEM_POLICY_ID) await tx.controlPolicies.reattachSystem(targetId);
      else
        await tx.controlPolicies.attach({
          target_id: targetId,
          policy_id: policyId,
          directory_id: dir.id,
          target_type: targetTypeOf(targetId),
          attached_at: now,
        });
      return ok(undefined);
    });
  }

  /**
   * Failures: InvalidControlPolicyEnablementStatus, EntityNotExists.ControlPolicy, EntityNotExists.Target,
   * EntityNotExists.ControlPolicyAttachment, DetachConflict.ControlPolicy.LastOne.
   */
  detach(dir: Directory, policyId: string, targetId: string): R<void> {
    return this.change(dir, policyId, targetId, async (tx, on, now) => {
      const attached = policyId === SYSTEM_POLICY_ID ? on.system : on.customIds.has(policyId);
      if (!attached) return err(failure('EntityNotExists.ControlPolicyAttachment'));
      if (on.customIds.size + (on.system ? 1 : 0) <= 1) return err(failure('DetachConflict.ControlPolicy.LastOne'));
      if (policyId === SYSTEM_POLICY_ID) await tx.controlPolicies.detachSystem(dir.id, targetId, now);
      else await tx.controlPolicies.detach(targetId, policyId);
      return ok(undefined);
    });
  }

  private change(
    dir: Directory,
    policyId: string,
    targetId: string,
    apply: (tx: Tx, on: OnTarget, now: number) => R<void>,
  ): R<void> {
    return this.store.atomically(async (tx) => {
      const now = this.clock.now();
      const status = effectiveStatus(await tx.controlPolicies.lockSwitch(dir.id, now), now, this.delayMs);
      if (status !== 'Enabled') return err(statusRefused(status, 'policies can be attached and detached once Enabled'));
      if (policyId !== SYSTEM_POLICY_ID && !(await tx.controlPolicies.getPolicy(dir.id, policyId)))
        return err(policyMissing(policyId));
      if ((await targetCreatedAt(tx, dir, targetId)) === undefined) return err(targetMissing(targetId));
      return apply(tx, await onTarget(tx, dir, targetId), now);
    });
  }

  /**
   * The policies attached to a folder or member (none while the switch is not Enabled).
   * Failure: EntityNotExists.Target.
   */
  async forTarget(dir: Directory, targetId: string): R<PolicyOnTarget[]> {
    const created = await targetCreatedAt(this.store, dir, targetId);
    if (created === undefined) return err(targetMissing(targetId));
    const sw = await this.store.controlPolicies.readSwitch(dir.id);
    if (!this.enabled(sw)) return ok([]);
    const out: PolicyOnTarget[] = [];
    const detached = await this.store.controlPolicies.systemDetached(dir.id, [targetId]);
    if (!detached.has(targetId))
      out.push({
        info: await this.policies.systemInfo(this.store, dir, true),
        attachedAt: Math.max(created, sw.changedAt ?? 0),
      });
    for (const a of await this.store.controlPolicies.customAttachments(dir.id, [targetId]))
      out.push({
        info: {
          row: a.policy,
          system: false,
          attachmentCount: await this.policies.countTargets(this.store, dir, a.policy.id),
        },
        attachedAt: a.attachedAt,
      });
    return ok(out);
  }

  /** The folders and members a policy is attached to, by pages. Failure: EntityNotExists.ControlPolicy. */
  async targetsOf(
    dir: Directory,
    policyId: string,
    page: number,
    size: number,
  ): R<{ total: number; targets: TargetAttachment[] }> {
    const system = policyId === SYSTEM_POLICY_ID;
    if (!system && !(await this.store.controlPolicies.getPolicy(dir.id, policyId))) return err(policyMissing(policyId));
    const sw = await this.store.controlPolicies.readSwitch(dir.id);
    if (!this.enabled(sw)) return ok({ total: 0, targets: [] });
    const offset = (page - 1) * size;
    if (!system) return ok(await this.store.controlPolicies.targetsOfPolicy(dir.id, policyId, offset, size));
    const all = await this.store.controlPolicies.systemTargets(dir.id, offset, size);
    const since = sw.changedAt ?? 0;
    return ok({ ...all, targets: all.targets.map((t) => ({ ...t, attachedAt: Math.max(t.attachedAt, since) })) });
  }

  private enabled(sw: ControlPolicySwitch): boolean {
    return effectiveStatus(sw, this.clock.now(), this.delayMs) === 'Enabled';
  }
}

/** When the folder or member joined the directory; undefined when it is not one of `dir`. */
async function targetCreatedAt(tx: Tx, dir: Directory, targetId: string): Promise<number | undefined> {
  if (targetTypeOf(targetId) === 'Account') {
    const m = await tx.directory.getMember(targetId);
    return m && m.directory_id === dir.id ? Number(m.join_time) : undefined;
  }
  const f = await tx.directory.getFolder(targetId);
  return f && f.directory_id === dir.id ? Number(f.created_at) : undefined;
}

async function onTarget(tx: Tx, dir: Directory, targetId: string): Promise<OnTarget> {
  const customs = await tx.controlPolicies.customAttachments(dir.id, [targetId]);
  const detached = await tx.controlPolicies.systemDetached(dir.id, [targetId]);
  return { system: !detached.has(targetId), customIds: new Set(customs.map((a) => a.policy.id)) };
}
