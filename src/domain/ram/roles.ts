/**
 * RAM roles. The trust policy (AssumeRolePolicyDocument) is validated at creation; a role cannot be
 * deleted while policies are attached to it. Role names are unique case-insensitively and appear
 * lower-cased in role ARNs (acs:ram::<uid>:role/<name>).
 */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newRamUserId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamRole } from '../../store/ram-ports.js';
import { parsePolicyDocument } from '../../auth/policy/parse.js';

export const DEFAULT_MAX_SESSION_DURATION = 3600;

export const roleArn = (r: Pick<RamRole, 'account_id' | 'name_lc'>): string =>
  `acs:ram::${r.account_id}:role/${r.name_lc}`;

export interface NewRole {
  name: string;
  trustPolicy: string;
  description?: string;
  maxSessionDuration?: number;
}

export class RoleService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Failures: MalformedPolicyDocument, EntityAlreadyExists.Role. */
  async create(accountId: string, r: NewRole): Promise<Result<RamRole, ApiFailure>> {
    const malformed = checkTrustPolicy(r.trustPolicy);
    if (malformed) return err(malformed);
    const now = this.clock.now();
    const row: RamRole = {
      id: newRamUserId(),
      account_id: accountId,
      name: r.name,
      name_lc: r.name.toLowerCase(),
      description: r.description ?? '',
      trust_policy: r.trustPolicy,
      max_session_duration: r.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
      created_at: now,
      updated_at: now,
    };
    if (!(await this.store.ram.insertRole(row)))
      return err(failure('EntityAlreadyExists.Role', `The role ${r.name} already exists.`));
    return ok(row);
  }

  /**
   * Changes the trust policy (validated as at creation), the description or the maximum session
   * duration; a new trust policy governs the next AssumeRole. Failures: EntityNotExist.Role,
   * MalformedPolicyDocument.
   */
  async update(
    accountId: string,
    name: string,
    patch: { trustPolicy?: string; description?: string; maxSessionDuration?: number },
  ): Promise<Result<RamRole, ApiFailure>> {
    if (patch.trustPolicy !== undefined) {
      const malformed = checkTrustPolicy(patch.trustPolicy);
      if (malformed) return err(malformed);
    }
    const changes = {
      ...(patch.trustPolicy !== undefined ? { trust_policy: patch.trustPolicy } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.maxSessionDuration !== undefined ? { max_session_duration: patch.maxSessionDuration } : {}),
    };
    if (!(await this.store.ram.updateRole(accountId, name, changes, this.clock.now()))) {
      return err(failure('EntityNotExist.Role', `The role ${name} does not exist.`));
    }
    return this.get(accountId, name);
  }

  async get(accountId: string, name: string): Promise<Result<RamRole, ApiFailure>> {
    const r = await this.store.ram.getRole(accountId, name);
    return r ? ok(r) : err(failure('EntityNotExist.Role', `The role ${name} does not exist.`));
  }

  list(accountId: string): Promise<RamRole[]> {
    return this.store.ram.listRoles(accountId);
  }

  /** Failures: EntityNotExist.Role, DeleteConflict.Role.Policy. */
  async delete(accountId: string, name: string): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const role = await tx.ram.getRole(accountId, name);
      if (!role) return err(failure('EntityNotExist.Role', `The role ${name} does not exist.`));
      if ((await tx.ram.attachmentsOf(accountId, 'Role', role.name)).length > 0) {
        return err(
          failure(
            'DeleteConflict.Role.Policy',
            `The role ${role.name} still has policies attached; detach them first.`,
          ),
        );
      }
      await tx.ram.deleteRole(accountId, name);
      return ok(undefined);
    });
  }
}

/** The MalformedPolicyDocument refusal of a trust policy, or undefined when it is well formed. */
function checkTrustPolicy(text: string): ApiFailure | undefined {
  const trust = parsePolicyDocument(text, 'trust');
  return trust.ok
    ? undefined
    : failure('MalformedPolicyDocument', `The AssumeRolePolicyDocument is malformed: ${trust.error}`);
}
