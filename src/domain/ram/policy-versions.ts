/**
 * Policy versions and attachments seen from the policy: list, delete and switch versions, change the
 * description, and list the users, roles and groups a policy is attached to.
 */
import { type ApiFailure, failure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamGroup, RamPolicyVersion, RamRole } from '../../store/ram-ports.js';
import type { RamUser } from '../../store/ports.js';
import type { PolicyService, PolicyType } from './policies.js';

export interface PolicyEntities {
  users: Array<{ user: RamUser; attachedAt: number }>;
  roles: Array<{ role: RamRole; attachedAt: number }>;
  groups: Array<{ group: RamGroup; attachedAt: number }>;
}

const noPolicy = (name: string): ApiFailure =>
  failure('EntityNotExist.Policy', `The Custom policy ${name} does not exist.`);
const noVersion = (name: string, v: string): ApiFailure =>
  failure('EntityNotExist.Policy.Version', `The policy ${name} has no version ${v}.`);

export class PolicyVersionService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly policies: PolicyService,
  ) {}

  /** Every version, oldest first, with the default marked. Failure: EntityNotExist.Policy. */
  async list(
    accountId: string,
    type: PolicyType,
    name: string,
  ): Promise<Result<Array<{ version: RamPolicyVersion; isDefault: boolean }>, ApiFailure>> {
    if (type === 'System') {
      const v1 = await this.policies.getVersion(accountId, 'System', name, 'v1');
      return v1.ok ? ok([v1.value]) : v1;
    }
    const p = await this.store.ram.getPolicy(accountId, name);
    if (!p) return err(noPolicy(name));
    const versions = await this.store.ram.listPolicyVersions(accountId, name);
    return ok(versions.map((version) => ({ version, isDefault: version.version_id === p.default_version })));
  }

  /**
   * Deletes a version that is not the default one. Failures: EntityNotExist.Policy,
   * EntityNotExist.Policy.Version, DeleteConflict.Policy.Version.Default.
   */
  async delete(accountId: string, name: string, versionId: string): Promise<Result<void, ApiFailure>> {
    const p = await this.store.ram.getPolicy(accountId, name);
    if (!p) return err(noPolicy(name));
    if (p.default_version === versionId) {
      const text = `Version ${versionId} is the default version of ${name}; make another version the default first.`;
      return err(failure('DeleteConflict.Policy.Version.Default', text));
    }
    return (await this.store.ram.deletePolicyVersion(accountId, name, versionId))
      ? ok(undefined)
      : err(noVersion(name, versionId));
  }

  /** Makes a version the default: it applies from the next request. Failures: EntityNotExist.Policy(.Version). */
  async setDefault(accountId: string, name: string, versionId: string): Promise<Result<void, ApiFailure>> {
    if (!(await this.store.ram.getPolicy(accountId, name))) return err(noPolicy(name));
    if (!(await this.store.ram.getPolicyVersion(accountId, name, versionId))) return err(noVersion(name, versionId));
    await this.store.ram.setDefaultVersion(accountId, name, versionId, this.clock.now());
    return ok(undefined);
  }

  /** Failure: EntityNotExist.Policy. */
  async updateDescription(accountId: string, name: string, description: string): Promise<Result<void, ApiFailure>> {
    return (await this.store.ram.updatePolicyDescription(accountId, name, description, this.clock.now()))
      ? ok(undefined)
      : err(noPolicy(name));
  }

  /** The users, roles and groups the policy is attached to. Failure: EntityNotExist.Policy. */
  async entities(accountId: string, type: PolicyType, name: string): Promise<Result<PolicyEntities, ApiFailure>> {
    if (!(await this.policies.exists(accountId, type, name))) {
      return err(failure('EntityNotExist.Policy', `The ${type} policy ${name} does not exist.`));
    }
    const out: PolicyEntities = { users: [], roles: [], groups: [] };
    for (const a of await this.store.ram.attachmentsOfPolicy(accountId, type, name)) {
      const attachedAt = a.attached_at;
      if (a.principal_type === 'User') {
        const user = await this.store.identity.getUser(accountId, a.principal_name);
        if (user) out.users.push({ user, attachedAt });
      } else if (a.principal_type === 'Role') {
        const role = await this.store.ram.getRole(accountId, a.principal_name);
        if (role) out.roles.push({ role, attachedAt });
      } else {
        const group = await this.store.ram.getGroup(accountId, a.principal_name);
        if (group) out.groups.push({ group, attachedAt });
      }
    }
    return ok(out);
  }
}
