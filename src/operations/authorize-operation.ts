import { type AuthzEnv, authorize, type PrincipalPolicies } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { ApiFailure } from '../errors/catalog.js';
import type { Directory } from '../store/ports.js';
import type { BoundCall, OpContext, Operation } from './define.js';

/**
 * The RAM check of one validated call, as its operation declares it (action, static or looked-up
 * resource); an operation on several entities must be allowed on each, the first refusal answers.
 */
export async function authorizeOperation(
  op: Operation,
  call: BoundCall,
  principal: Principal,
  services: OpContext['services'],
  policies: PrincipalPolicies | undefined,
  env: AuthzEnv,
  managed?: Directory | null,
): Promise<ApiFailure | undefined> {
  if (op.authorization === 'any-authenticated') return undefined;
  const denied = await authorizeEach(policies, principal, op, call, services, env, managed);
  // The security preference's self-service grant lifts only an implicit deny of the identity's policies.
  if (!denied || !op.selfService || denied.accessDeniedDetail?.NoPermissionType !== 'ImplicitDeny') return denied;
  if (denied.accessDeniedDetail.PolicyType !== 'AccountLevelIdentityBasedPolicy' || !call.targetsSelf(principal))
    return denied;
  const preference = await services.identity.securityPreference.get(principal.accountId);
  return preference[op.selfService] ? undefined : denied;
}

/** The call's ARN, then (for an operation on several entities) each further one; the first refusal answers. */
async function authorizeEach(
  policies: PrincipalPolicies | undefined,
  principal: Principal,
  op: Operation,
  call: BoundCall,
  services: OpContext['services'],
  env: AuthzEnv,
  managed?: Directory | null,
): Promise<ApiFailure | undefined> {
  const denied = await authorize(policies, principal, op.ramAction, call.resource(principal, services, managed), env);
  if (denied) return denied;
  for (const arn of call.moreResources()) {
    const also = await authorize(policies, principal, op.ramAction, arn, env);
    if (also) return also;
  }
  return undefined;
}
