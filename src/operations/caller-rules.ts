/**
 * Who may call a Resource Directory operation at all, before any policy is evaluated
 * (docs/decisions.md, "What a member account may read"):
 *
 * - 'management-ram-identity': a RAM user or role of a management account (root → CallerIdentityError).
 * - 'management-account': any identity of a management account. Alibaba documents the list and
 *   folder operations as callable "only by the management account of a resource directory or a
 *   delegated administrator": for a read-only operation, any identity of a member account that is
 *   currently a delegated administrator of a trusted service is admitted too, on its directory
 *   (read fresh: one indexed read, on the member path only). Other identities of a member get
 *   NoPermission (403), an account in no directory ResourceDirectoryNotInUse (404). Writes stay
 *   the management account's.
 * - 'management-or-self': the management account, a member reading its own account (AccountId =
 *   the caller's account), or (read-only) a delegated administrator; another member naming any
 *   other account gets NoPermission.
 * An admitted identity is still judged by its own RAM policies and, for a member's RAM identity,
 * by the control policies that bind it (operations/authorize-operation.ts).
 * - undefined: no rule beyond the policy (e.g. GetResourceDirectory, which a member may read).
 */
import { failure, type ApiFailure } from '../errors/catalog.js';
import { err, ok, type Result } from '../lib/result.js';
import type { Principal } from '../auth/principal.js';
import type { Directory } from '../store/ports.js';
import type { OpContext, OperationMeta } from './define.js';

export type CallerRule = 'management-ram-identity' | 'management-account' | 'management-or-self';

const memberRefused = (action: string, readOnly: boolean): ApiFailure =>
  failure(
    'NoPermission',
    `${action} can only be called by the management account of the resource directory` +
      `${readOnly ? ' or a delegated administrator of a trusted service' : ''}; a member account may ` +
      'read only its own account and its resource directory.',
  );

/**
 * Applies the operation's caller rule. Returns the directory the caller manages (or, for a read,
 * reads as a delegated administrator) when the rule requires one, undefined when the rule let a
 * member through to its own account.
 */
export async function applyCallerRule(
  op: Pick<OperationMeta, 'action' | 'callerRule' | 'readOnly'>,
  principal: Principal,
  params: Readonly<Record<string, string>>,
  services: OpContext['services'],
  /** The directory the caller's account manages (null: none), when already known; else looked up. */
  known?: Directory | null,
): Promise<Result<Directory | undefined, ApiFailure>> {
  const rule = op.callerRule;
  if (rule === undefined) return ok(undefined);
  if (rule === 'management-ram-identity') return services.directory.requireManagementRamIdentity(principal, known);
  const managed = known ? ok(known) : await services.directory.managedBy(principal);
  if (managed.ok) return managed;
  if (rule === 'management-or-self' && params.AccountId === principal.accountId) return ok(undefined);
  if (op.readOnly === true) {
    const delegated = await services.delegation.administeredBy(principal.accountId);
    if (delegated) return ok(delegated);
  }
  const seen = await services.directory.visibleTo(principal);
  return seen.ok ? err(memberRefused(op.action, op.readOnly === true)) : seen;
}

/**
 * The directory an operation guarded by a caller rule acts on: the one the rule admitted the caller
 * to (ctx.managedDirectory: managed, or read as a delegated administrator), else the one it manages.
 */
export async function admittedDirectory(ctx: OpContext): Promise<Result<Directory, ApiFailure>> {
  return ctx.managedDirectory ? ok(ctx.managedDirectory) : ctx.services.directory.managedBy(ctx.principal);
}
