import type { PolicyDocument } from './document.js';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** Glob match with `*` (any run) and `?` (one character); case-insensitive when asked. */
export function globMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, caseInsensitive ? 'is' : 's').test(value);
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/**
 * Evaluates documents for one request: an explicit Deny beats an Allow, which beats the implicit
 * deny. Actions compare case-insensitively, resources case-sensitively.
 */
export function evaluate(docs: readonly PolicyDocument[], action: string, resource: string): Decision {
  let allowed = false;
  for (const doc of docs) {
    for (const st of doc.Statement) {
      const actionHit = list(st.Action).some((p) => globMatch(p, action, true));
      const resourceHit = list(st.Resource).some((p) => globMatch(p, resource, false));
      if (!actionHit || !resourceHit) continue;
      if (st.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}
