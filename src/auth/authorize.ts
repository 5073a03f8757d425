import { failure, type ApiFailure } from '../errors/catalog.js';
import type { IdentityRepo } from '../store/ports.js';
import type { Principal } from './principal.js';
import { SYSTEM_POLICIES, type PolicyDocument } from './policy/document.js';
import { evaluate } from './policy/evaluate.js';

/**
 * Decides whether a principal may perform a RAM action on a resource. The root identity of an
 * account may do everything in it; RAM users need an attached policy that allows the action.
 * Returns undefined when allowed, else a 403 NoPermission naming the action.
 */
export async function authorize(
  identity: IdentityRepo,
  principal: Principal,
  ramAction: string,
  resource: string,
): Promise<ApiFailure | undefined> {
  if (principal.kind === 'root') return undefined;
  const names = await identity.policiesOf(principal.accountId, 'User', principal.name ?? '');
  const docs = names.map((n) => SYSTEM_POLICIES[n]).filter((d): d is PolicyDocument => d !== undefined);
  if (evaluate(docs, ramAction, resource) === 'allow') return undefined;
  return failure(
    'NoPermission',
    `You are not authorized to perform this operation: ${principal.arn} is not allowed ${ramAction} on ${resource}.`,
  );
}
