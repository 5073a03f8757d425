/**
 * Custom policies with versions (at most 5; v1, v2, … never reused), system policies (read-only,
 * present in every account), and attaching either kind to users, roles and groups. A document is
 * refused at CreatePolicy / CreatePolicyVersion with MalformedPolicyDocument and the precise reason.
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamPolicy, RamPolicyVersion } from '../../store/ram-ports.js';
import { parsePolicyDocument } from '../../auth/policy/parse.js';
import { SYSTEM_POLICY_TEXTS } from '../../auth/policy/document.js';
import { PolicyAttachments } from './policy-attachments.js';
import {
  customInfo,
  noPolicy,
  type PolicyInfo,
  type PolicyType,
  SYSTEM_POLICY_TIME,
  systemInfo,
} from './policy-info.js';

export { type PolicyInfo, type PolicyType, SYSTEM_POLICY_TIME } from './policy-info.js';

export const MAX_POLICY_VERSIONS = 5;

export class PolicyService {
  private readonly attachments: PolicyAttachments;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.attachments = new PolicyAttachments(store, clock, (a, t, n) => this.exists(a, t, n));
  }

  /** Failures: MalformedPolicyDocument, EntityAlreadyExists.Policy (also for a system policy's name). */
  async create(
    accountId: string,
    name: string,
    document: string,
    description: string,
  ): Promise<Result<{ policy: PolicyInfo; version: RamPolicyVersion }, ApiFailure>> {
    const doc = parsePolicyDocument(document);
    if (!doc.ok) return err(failure('MalformedPolicyDocument', `The policy document is malformed: ${doc.error}`));
    if (SYSTEM_POLICY_TEXTS[name])
      return err(failure('EntityAlreadyExists.Policy', `The policy ${name} already exists as a system policy.`));
    const now = this.clock.now();
    const p: RamPolicy = {
      account_id: accountId,
      name,
      description,
      default_version: 'v1',
      next_version: 2,
      created_at: now,
      updated_at: now,
    };
    const v: RamPolicyVersion = {
      account_id: accountId,
      policy_name: name,
      version_id: 'v1',
      document,
      created_at: now,
    };
    const inserted = await this.store.atomically(async (tx) => ok(await tx.ram.insertPolicy(p, v)));
    if (!inserted.ok || !inserted.value)
      return err(failure('EntityAlreadyExists.Policy', `The policy ${name} already exists.`));
    return ok({ policy: customInfo(p), version: v });
  }

  async get(
    accountId: string,
    type: PolicyType,
    name: string,
  ): Promise<Result<{ policy: PolicyInfo; document: string; attachments: number }, ApiFailure>> {
    if (type === 'System') {
      const info = systemInfo(name);
      if (!info) return err(noPolicy(type, name));
      return ok({
        policy: info,
        document: SYSTEM_POLICY_TEXTS[name]!.document,
        attachments: (await this.store.ram.attachmentsOfPolicy(accountId, 'System', name)).length,
      });
    }
    const p = await this.store.ram.getPolicy(accountId, name);
    const v = p && (await this.store.ram.getPolicyVersion(accountId, name, p.default_version));
    if (!p || !v) return err(noPolicy(type, name));
    return ok({
      policy: customInfo(p),
      document: v.document,
      attachments: (await this.store.ram.attachmentsOfPolicy(accountId, 'Custom', name)).length,
    });
  }

  /** Failures: EntityNotExist.Policy, EntityNotExist.Policy.Version. */
  async getVersion(
    accountId: string,
    type: PolicyType,
    name: string,
    versionId: string,
  ): Promise<Result<{ version: RamPolicyVersion; isDefault: boolean }, ApiFailure>> {
    const current = await this.get(accountId, type, name);
    if (!current.ok) return current;
    if (type === 'System') {
      if (versionId !== 'v1')
        return err(failure('EntityNotExist.Policy.Version', `The policy ${name} has no version ${versionId}.`));
      return ok({
        version: {
          account_id: accountId,
          policy_name: name,
          version_id: 'v1',
          document: current.value.document,
          created_at: SYSTEM_POLICY_TIME,
        },
        isDefault: true,
      });
    }
    const v = await this.store.ram.getPolicyVersion(accountId, name, versionId);
    if (!v) return err(failure('EntityNotExist.Policy.Version', `The policy ${name} has no version ${versionId}.`));
    return ok({ version: v, isDefault: current.value.policy.defaultVersion === versionId });
  }

  /** System policies first, then the account's custom ones, each by name; filtered by type when given. */
  async list(accountId: string, type?: PolicyType): Promise<Array<PolicyInfo & { attachments: number }>> {
    const out: Array<PolicyInfo & { attachments: number }> = [];
    if (type !== 'Custom') {
      for (const n of Object.keys(SYSTEM_POLICY_TEXTS).sort())
        out.push({
          ...systemInfo(n)!,
          attachments: (await this.store.ram.attachmentsOfPolicy(accountId, 'System', n)).length,
        });
    }
    if (type !== 'System') {
      for (const p of await this.store.ram.listPolicies(accountId))
        out.push({
          ...customInfo(p),
          attachments: (await this.store.ram.attachmentsOfPolicy(accountId, 'Custom', p.name)).length,
        });
    }
    return out;
  }

  /**
   * Adds a version, optionally as the default. At the limit, rotates out the oldest non-default
   * version when asked to, else LimitExceeded.Policy.Version. Other failures: EntityNotExist.Policy,
   * MalformedPolicyDocument.
   */
  async createVersion(
    accountId: string,
    name: string,
    document: string,
    setAsDefault: boolean,
    rotate: boolean,
  ): Promise<Result<RamPolicyVersion, ApiFailure>> {
    const doc = parsePolicyDocument(document);
    if (!doc.ok) return err(failure('MalformedPolicyDocument', `The policy document is malformed: ${doc.error}`));
    return this.store.atomically(async (tx) => {
      // Claiming the number first locks the policy row, so the count below cannot race; a refusal
      // rolls the claim back.
      const now = this.clock.now();
      const n = await tx.ram.claimNextVersion(accountId, name, now);
      const p = await tx.ram.getPolicy(accountId, name);
      if (n === undefined || !p) return err(noPolicy('Custom', name));
      const versions = await tx.ram.listPolicyVersions(accountId, name);
      if (versions.length >= MAX_POLICY_VERSIONS) {
        const oldest = versions.find((v) => v.version_id !== p.default_version);
        if (!rotate || !oldest)
          return err(
            failure('LimitExceeded.Policy.Version', `The policy ${name} already has ${MAX_POLICY_VERSIONS} versions.`),
          );
        await tx.ram.deletePolicyVersion(accountId, name, oldest.version_id);
      }
      const v: RamPolicyVersion = {
        account_id: accountId,
        policy_name: name,
        version_id: `v${n}`,
        document,
        created_at: now,
      };
      await tx.ram.insertPolicyVersion(v);
      if (setAsDefault) await tx.ram.setDefaultVersion(accountId, name, v.version_id, now);
      return ok(v);
    });
  }

  /** Failures: EntityNotExist.Policy, DeleteConflict.Policy.{User,Role,Group,Version} unless cascading. */
  async delete(accountId: string, name: string, cascade: boolean): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const p = await tx.ram.getPolicy(accountId, name);
      if (!p) return err(noPolicy('Custom', name));
      if (!cascade) {
        const attached = await tx.ram.attachmentsOfPolicy(accountId, 'Custom', name);
        for (const t of ['User', 'Role', 'Group'] as const) {
          if (attached.some((a) => a.principal_type === t))
            return err(
              failure(`DeleteConflict.Policy.${t}`, `The policy ${name} is still attached to a ${t.toLowerCase()}.`),
            );
        }
        if ((await tx.ram.listPolicyVersions(accountId, name)).length > 1)
          return err(failure('DeleteConflict.Policy.Version', `The policy ${name} still has non-default versions.`));
      }
      await tx.ram.detachAllOfPolicy(accountId, 'Custom', name);
      await tx.ram.deletePolicy(accountId, name);
      return ok(undefined);
    });
  }

  /** Whether a policy of that type and name exists for the account. */
  async exists(accountId: string, type: PolicyType, name: string): Promise<boolean> {
    return type === 'System'
      ? SYSTEM_POLICY_TEXTS[name] !== undefined
      : (await this.store.ram.getPolicy(accountId, name)) !== undefined;
  }

  /** Failures: EntityNotExist.{User,Role,Group}, EntityNotExist.Policy, EntityAlreadyExists.<T>.Policy. */
  attach(...a: Parameters<PolicyAttachments['attach']>): ReturnType<PolicyAttachments['attach']> {
    return this.attachments.attach(...a);
  }

  /** Failures: EntityNotExist.{User,Role}, EntityNotExist.Policy, EntityNotExist.<T>.Policy. */
  detach(...a: Parameters<PolicyAttachments['detach']>): ReturnType<PolicyAttachments['detach']> {
    return this.attachments.detach(...a);
  }

  /** The attachments of a user, role or group, with each policy's description and default version. */
  listFor(...a: Parameters<PolicyAttachments['listFor']>): ReturnType<PolicyAttachments['listFor']> {
    return this.attachments.listFor(...a);
  }
}
