import { type AuthzEnv, authorize, type PrincipalPolicies } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { ApiFailure } from '../errors/catalog.js';
import type { Directory } from '../store/ports.js';
import type { BoundCall, OpContext, Operation } from './define.js';

/**
 * The RAM check of one validated call, as its operation declares it (action, static or looked-up
 * resource), bounded by the control policies that bind the caller (a RAM user or role of a member
 * account while its directory's control policies are enabled; see domain/directory/control-policy-boundary.ts).
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
  // Control policies never bind the management account: when the caller is known to manage a
  // directory (`managed`, already loaded), or the caller rule admits only a RAM identity of the
  // management account ('management-ram-identity', the hot path; it ran first, http/rpc.ts), no
  // boundary is loaded at all. Any other caller costs one indexed read (levelsFor).
  const managementOnly = Boolean(managed) || op.callerRule === 'management-ram-identity';
  const boundary = managementOnly ? undefined : () => services.lifecycle.controlPolicyBoundary.levelsFor(principal);
  const resource = call.resource(principal, services, managed);
  const denied = await authorize(policies, principal, op.ramAction, resource, env, boundary);
  // The security preference's self-service grant lifts only an implicit deny of the identity's policies
  // (never a control policy's refusal).
  if (!denied || !op.selfService || denied.accessDeniedDetail?.NoPermissionType !== 'ImplicitDeny') return denied;
  if (denied.accessDeniedDetail.PolicyType !== 'AccountLevelIdentityBasedPolicy' || !call.targetsSelf(principal))
    return denied;
  const preference = await services.identity.securityPreference.get(principal.accountId);
  return preference[op.selfService] ? undefined : denied;
}
