import { type AuthzEnv, authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { ApiFailure } from '../errors/catalog.js';
import type { Store } from '../store/ports.js';
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
  store: Pick<Store, 'ram'>,
  env: AuthzEnv,
): Promise<ApiFailure | undefined> {
  if (op.authorization === 'any-authenticated') return undefined;
  // The caller rule ran first (http/rpc.ts): under 'management-ram-identity' only a RAM identity of
  // the management account gets here, and control policies never bind it, so the hot path (Send,
  // Bind) pays nothing for them. Every other caller costs one indexed read (levelsFor). Should that
  // rule ever admit a member (e.g. a delegated administrator), drop this shortcut.
  const managementOnly = op.callerRule === 'management-ram-identity';
  const boundary = managementOnly ? undefined : () => services.lifecycle.controlPolicyBoundary.levelsFor(principal);
  return authorize(store, principal, op.ramAction, call.resource(principal, services), env, boundary);
}
