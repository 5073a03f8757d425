import type { ApiFailure } from '../errors/catalog.js';
import { authorize, type AuthzEnv } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Store } from '../store/ports.js';
import type { OperationSpec, OpContext, ResourceRequest } from './define.js';

/** The RAM check of one call, as its spec declares it (action, static or looked-up resource). */
export async function authorizeOperation(
  op: OperationSpec,
  principal: Principal,
  params: Record<string, string>,
  services: OpContext['services'],
  store: Pick<Store, 'ram'>,
  env: AuthzEnv,
): Promise<ApiFailure | undefined> {
  if (op.authorization === 'any-authenticated') return undefined;
  const req: ResourceRequest = { principal, params, services };
  const resolve = op.resolveResource;
  return authorize(store, principal, op.ramAction, resolve ? () => resolve(req) : op.resource(req), env);
}
