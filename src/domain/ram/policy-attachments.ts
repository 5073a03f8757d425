/**
 * Attaching system and custom policies to users, roles and groups, detaching them, and listing a
 * principal's attachments. PolicyService exposes these; `exists` is its policy lookup.
 */
import { failure, type ApiFailure, type ErrorCode } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { PolicyAttachment, PrincipalType } from '../../store/ram-ports.js';
import { customInfo, noPolicy, type PolicyInfo, type PolicyType, systemInfo } from './policy-info.js';

export class PolicyAttachments {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly exists: (accountId: string, type: PolicyType, name: string) => Promise<boolean>,
  ) {}

  /** Failures: EntityNotExist.{User,Role,Group}, EntityNotExist.Policy, EntityAlreadyExists.<T>.Policy. */
  async attach(
    accountId: string,
    principalType: PrincipalType,
    principalName: string,
    type: PolicyType,
    name: string,
  ): Promise<Result<void, ApiFailure>> {
    const who = await this.principalExists(accountId, principalType, principalName);
    if (!who.ok) return who;
    if (!(await this.exists(accountId, type, name))) return err(noPolicy(type, name));
    const a: PolicyAttachment = {
      account_id: accountId,
      principal_type: principalType,
      principal_name: who.value,
      policy_type: type,
      policy_name: name,
      attached_at: this.clock.now(),
    };
    if (!(await this.store.ram.attach(a)))
      return err(
        failure(
          `EntityAlreadyExists.${principalType}.Policy`,
          `The policy ${name} is already attached to ${principalName}.`,
        ),
      );
    return ok(undefined);
  }

  /** Failures: EntityNotExist.{User,Role}, EntityNotExist.Policy, EntityNotExist.<T>.Policy. */
  async detach(
    accountId: string,
    principalType: 'User' | 'Role',
    principalName: string,
    type: PolicyType,
    name: string,
  ): Promise<Result<void, ApiFailure>> {
    const who = await this.principalExists(accountId, principalType, principalName);
    if (!who.ok) return who;
    if (!(await this.exists(accountId, type, name))) return err(noPolicy(type, name));
    const a = {
      account_id: accountId,
      principal_type: principalType,
      principal_name: who.value,
      policy_type: type,
      policy_name: name,
    };
    if (!(await this.store.ram.detach(a)))
      return err(
        failure(`EntityNotExist.${principalType}.Policy`, `The policy ${name} is not attached to ${principalName}.`),
      );
    return ok(undefined);
  }

  /** The attachments of a user or role, with each policy's description and default version. */
  async listFor(
    accountId: string,
    principalType: 'User' | 'Role' | 'Group',
    principalName: string,
  ): Promise<Result<Array<PolicyInfo & { attachedAt: number }>, ApiFailure>> {
    const who = await this.principalExists(accountId, principalType, principalName);
    if (!who.ok) return who;
    const out: Array<PolicyInfo & { attachedAt: number }> = [];
    for (const a of await this.store.ram.attachmentsOf(accountId, principalType, who.value)) {
      const info =
        a.policy_type === 'System'
          ? systemInfo(a.policy_name)
          : await this.store.ram.getPolicy(accountId, a.policy_name).then((p) => p && customInfo(p));
      if (info) out.push({ ...info, attachedAt: a.attached_at });
    }
    return ok(out);
  }

  /** The stored name of the principal (roles match case-insensitively). */
  private async principalExists(
    accountId: string,
    t: PrincipalType,
    name: string,
  ): Promise<Result<string, ApiFailure>> {
    const code: ErrorCode = `EntityNotExist.${t}`;
    const found =
      t === 'User'
        ? (await this.store.identity.getUser(accountId, name))?.name
        : t === 'Role'
          ? (await this.store.ram.getRole(accountId, name))?.name
          : (await this.store.ram.getGroup(accountId, name))?.name;
    return found ? ok(found) : err(failure(code, `The ${t.toLowerCase()} ${name} does not exist.`));
  }
}
