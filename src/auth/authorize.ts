/**
 * The one authorizer. Contract:
 * - the root identity may do everything in its own account;
 * - a RAM user is judged by the policies attached to it and to its groups;
 * - an assumed role by the role's policies, narrowed by the session policies (the one given to
 *   AssumeRole and, for a chained session, those of the session that assumed it);
 * - explicit Deny beats Allow beats implicit deny; a refusal is 403 NoPermission naming the action.
 * The caller passes the principal's policies (policiesOf, or the identity cache, which reloads them
 * whenever the account's identity epoch moved), so a change applies to the next request.
 */
import { failure, type ApiFailure } from '../errors/catalog.js';
import type { Store } from '../store/ports.js';
import type { Principal } from './principal.js';
import type { RequestContext } from './policy/conditions.js';
import { SYSTEM_POLICY_TEXTS, type PolicyDocument } from './policy/document.js';
import { evaluateWithSession, mayAllowAction } from './policy/evaluate.js';
import { trustedDocument } from './policy/parse.js';
import { accessDeniedDetail, type DecodedDiagnostic, diagnosticOf } from './diagnostic.js';

export interface AuthzEnv {
  sourceIp: string;
  now: number;
  secureTransport: boolean;
}

/** The global condition keys, lower-cased. */
export function requestContext(p: Principal, env: AuthzEnv): RequestContext {
  return {
    'acs:sourceip': env.sourceIp,
    'acs:currenttime': new Date(env.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'acs:securetransport': String(env.secureTransport),
    'acs:mfapresent': 'false',
    'acs:principalarn': p.arn,
  };
}

const systemDocs = new Map(Object.entries(SYSTEM_POLICY_TEXTS).map(([n, t]) => [n, trustedDocument(t.document)]));

export function systemPolicyDocument(name: string): PolicyDocument | undefined {
  return systemDocs.get(name);
}

/** The documents of the attached policies (System or Custom, default version). */
export async function attachedDocuments(
  store: Pick<Store, 'ram'>,
  accountId: string,
  type: 'User' | 'Role' | 'Group',
  name: string,
): Promise<PolicyDocument[]> {
  const docs: PolicyDocument[] = [];
  for (const a of await store.ram.attachmentsOf(accountId, type, name)) {
    if (a.policy_type === 'System') {
      const d = systemDocs.get(a.policy_name);
      if (d) docs.push(d);
      continue;
    }
    const p = await store.ram.getPolicy(accountId, a.policy_name);
    const v = p && (await store.ram.getPolicyVersion(accountId, p.name, p.default_version));
    if (v) docs.push(trustedDocument(v.document));
  }
  return docs;
}

/**
 * The texts of the session policies stored with an STS session: none, one document, or — for a
 * session obtained by role chaining — a JSON array of document texts that all narrow it.
 */
export function sessionPolicyTexts(stored: string | null | undefined): string[] {
  if (!stored) return [];
  if (!stored.trimStart().startsWith('[')) return [stored];
  const list: unknown = JSON.parse(stored);
  if (!Array.isArray(list) || !list.every((t) => typeof t === 'string'))
    throw new Error('stored session policy list is malformed');
  return list;
}

/** What a session stores as its policy: the texts of `sessionPolicyTexts`, or null for none. */
export function storedSessionPolicy(texts: readonly string[]): string | null {
  if (texts.length === 0) return null;
  return texts.length === 1 ? texts[0]! : JSON.stringify(texts);
}

/** The documents that judge a principal: its identity policies, and the session policies narrowing them. */
export interface PrincipalPolicies {
  identity: PolicyDocument[];
  session: PolicyDocument[];
}

/** undefined for the root identity (everything allowed). */
export async function policiesOf(store: Pick<Store, 'ram'>, p: Principal): Promise<PrincipalPolicies | undefined> {
  if (p.kind === 'root') return undefined;
  if (p.kind === 'assumed-role') {
    const identity = await attachedDocuments(store, p.accountId, 'Role', p.name ?? '');
    return { identity, session: sessionPolicyTexts(p.sessionPolicy).map((t) => trustedDocument(t)) };
  }
  const identity = await attachedDocuments(store, p.accountId, 'User', p.name ?? '');
  for (const g of await store.ram.groupsOfUser(p.accountId, p.name ?? ''))
    identity.push(...(await attachedDocuments(store, p.accountId, 'Group', g)));
  return { identity, session: [] };
}

/** A NoPermission refusal with its diagnostic (auth/diagnostic.ts). */
const refusal = (
  p: Principal,
  action: string,
  resource: string,
  context: RequestContext,
  explicitDeny = false,
  policyType: DecodedDiagnostic['NoPermissionPolicyType'] = 'AccountLevelIdentityBasedPolicy',
): ApiFailure => ({
  ...failure(
    'NoPermission',
    `You are not authorized to perform this operation: ${p.arn} is not allowed ${action} on ${resource}.`,
  ),
  accessDeniedDetail: accessDeniedDetail(diagnosticOf(p, action, resource, context, explicitDeny, policyType)),
});

/**
 * Decides one call, given the principal's policies (undefined: the root identity). `resource` is
 * the ARN, or a lookup that finds it; with a lookup, the caller must first be allowed the action on
 * some resource at all, so that an unauthorized caller never causes the target to be looked up
 * (and learns nothing about it).
 */
export async function authorize(
  policies: PrincipalPolicies | undefined,
  principal: Principal,
  action: string,
  resource: string | (() => Promise<string>),
  env: AuthzEnv,
): Promise<ApiFailure | undefined> {
  if (!policies) return undefined;
  const context = requestContext(principal, env);
  if (typeof resource !== 'string') {
    const could =
      mayAllowAction(policies.identity, action, context) &&
      policies.session.every((d) => mayAllowAction([d], action, context));
    if (!could) return refusal(principal, action, `acs:*:*:${principal.accountId}:*`, context);
    resource = await resource();
  }
  const decision = evaluateWithSession(policies.identity, policies.session, { action, resource, context });
  if (decision === 'allow') return undefined;
  const byIdentity = evaluateWithSession(policies.identity, [], { action, resource, context }) !== 'allow';
  const type = byIdentity ? 'AccountLevelIdentityBasedPolicy' : 'SessionPolicy';
  return refusal(principal, action, resource, context, decision === 'explicit-deny', type);
}
