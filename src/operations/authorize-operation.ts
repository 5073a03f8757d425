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
  const refused = await authorize(policies, principal, op.ramAction, call.resource(principal, services, managed), env);
  if (refused) return refused;
  for (const arn of call.moreResources()) {
    const also = await authorize(policies, principal, op.ramAction, arn, env);
    if (also) return also;
  }
  return undefined;
}
