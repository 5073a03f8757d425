/**
 * Evaluation of RAM policies for one request. Contract:
 * - a statement applies when its Action (or NotAction), Resource (or NotResource) and Condition
 *   all hold; actions compare case-insensitively, resource ARNs case-sensitively, both with globs;
 * - any applicable Deny → 'explicit-deny'; else any applicable Allow → 'allow'; else 'implicit-deny';
 * - `evaluateWithSession`: session policies narrow the identity's rights — the identity and every
 *   session policy must allow, and a Deny in any wins.
 */
import { conditionHolds, type RequestContext } from './conditions.js';
import type { PolicyDocument, PolicyStatement } from './document.js';
import { globMatch } from './match.js';

export { globMatch } from './match.js';
export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface AccessRequest {
  action: string;
  resource: string;
  context?: RequestContext;
}

function applies(st: PolicyStatement, req: AccessRequest): boolean {
  const action = st.Action
    ? st.Action.some((p) => globMatch(p, req.action, true))
    : !(st.NotAction ?? []).some((p) => globMatch(p, req.action, true));
  if (!action) return false;
  const resource = st.Resource
    ? st.Resource.some((p) => globMatch(p, req.resource, false))
    : !(st.NotResource ?? []).some((p) => globMatch(p, req.resource, false));
  return resource && conditionHolds(st.Condition, req.context ?? {}, st.Effect);
}

export function evaluateRequest(docs: readonly PolicyDocument[], req: AccessRequest): Decision {
  let allowed = false;
  for (const doc of docs) {
    for (const st of doc.Statement) {
      if (!applies(st, req)) continue;
      if (st.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}

/** Shorthand kept for callers with no request context. */
export function evaluate(
  docs: readonly PolicyDocument[],
  action: string,
  resource: string,
  context: RequestContext = {},
): Decision {
  return evaluateRequest(docs, { action, resource, context });
}

export function evaluateWithSession(
  identity: readonly PolicyDocument[],
  session: PolicyDocument | readonly PolicyDocument[] | undefined,
  req: AccessRequest,
): Decision {
  const sessions: readonly PolicyDocument[] = session === undefined ? [] : 'Statement' in session ? [session] : session;
  let decision = evaluateRequest(identity, req);
  for (const s of sessions) {
    if (decision === 'explicit-deny') return decision;
    const next = evaluateRequest([s], req);
    decision = next === 'explicit-deny' ? next : decision === 'allow' && next === 'allow' ? 'allow' : 'implicit-deny';
  }
  return decision;
}

/**
 * True when some Allow statement could apply to the action whatever the resource (conditions
 * still checked). Used before a target is looked up, so that an unauthorized caller learns nothing
 * about it.
 */
export function mayAllowAction(docs: readonly PolicyDocument[], action: string, context: RequestContext = {}): boolean {
  return docs.some((d) =>
    d.Statement.some(
      (st) =>
        st.Effect === 'Allow' &&
        (st.Action
          ? st.Action.some((p) => globMatch(p, action, true))
          : !(st.NotAction ?? []).some((p) => globMatch(p, action, true))) &&
        conditionHolds(st.Condition, context),
    ),
  );
}
