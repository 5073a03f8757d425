import { type AuthzEnv, authorize, type BoundaryLoader, type PrincipalPolicies } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { ApiFailure } from '../errors/catalog.js';
import type { Directory } from '../store/ports.js';
import type { BoundCall, OpContext, Operation } from './define.js';

/**
 * The RAM check of one validated call, as its operation declares it (action, static or looked-up
 * resource); an operation on several entities must be allowed on each, the first refusal answers.
 * Each check is bounded by the control policies that bind the caller (a RAM user or role of a member
 * account while its directory's control policies are enabled; domain/directory/control-policy-boundary.ts).
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
  // The security preference's self-service grant lifts only an implicit deny of the identity's policies
  // (never a control policy's refusal).
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
  const boundary = boundaryFor(principal, op, services, managed);
  const resource = call.resource(principal, services, managed);
  const denied = await authorize(policies, principal, op.ramAction, resource, env, boundary);
  if (denied) return denied;
  for (const arn of call.moreResources()) {
    const also = await authorize(policies, principal, op.ramAction, arn, env, boundary);
    if (also) return also;
  }
  return undefined;
}

/**
 * Control policies never bind the management account: when the caller is known to manage a
 * directory (`managed`, already loaded), or the caller rule admits only a RAM identity of the
 * management account ('management-ram-identity', the hot path; it ran first, http/rpc.ts), there is
 * no boundary at all. Otherwise the levels are loaded once per call (one indexed read when none bind).
 */
function boundaryFor(
  principal: Principal,
  op: Operation,
  services: OpContext['services'],
  managed?: Directory | null,
): BoundaryLoader | undefined {
  if (managed || op.callerRule === 'management-ram-identity') return undefined;
  let levels: ReturnType<BoundaryLoader> | undefined;
  return () => {
    levels ??= services.lifecycle.controlPolicyBoundary.levelsFor(principal);
    return levels;
  };
}
