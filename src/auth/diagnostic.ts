/**
 * The diagnostic of a NoPermission refusal. The refusal carries `AccessDeniedDetail` (as Alibaba's
 * gateway does) with an `EncodedDiagnosticMessage`: the Base64 of the JSON below, prefixed by a
 * format marker. ram:DecodeDiagnosticMessage turns it back into the SDK's DecodedDiagnosticMessage.
 * The message holds only what the refused caller already knows about its own request (its
 * identity, the action, the resource, the request's global condition keys): no policy text.
 */
import type { Principal } from './principal.js';
import type { RequestContext } from './policy/conditions.js';

export interface DecodedDiagnostic {
  AuthAction: string;
  AuthResource: string;
  AuthPrincipal: { AuthPrincipalDisplayName: string; AuthPrincipalOwnerId: string; AuthPrincipalType: string };
  AuthConditions: Array<{ ConditionKey: string; ConditionValues: string[] }>;
  ExplicitDeny: boolean;
  MatchedPolicies: Array<Record<string, string>>;
  NoPermissionPolicyType: 'AccountLevelIdentityBasedPolicy' | 'SessionPolicy';
}

const MARKER = 'RDG1.';
const KEY_NAMES: Record<string, string> = {
  'acs:sourceip': 'acs:SourceIp',
  'acs:currenttime': 'acs:CurrentTime',
  'acs:securetransport': 'acs:SecureTransport',
  'acs:mfapresent': 'acs:MFAPresent',
  'acs:principalarn': 'acs:PrincipalARN',
};

export function diagnosticOf(
  p: Principal,
  action: string,
  resource: string,
  context: RequestContext,
  explicitDeny: boolean,
  policyType: DecodedDiagnostic['NoPermissionPolicyType'],
): DecodedDiagnostic {
  return {
    AuthAction: action,
    AuthResource: resource,
    AuthPrincipal: {
      AuthPrincipalDisplayName:
        p.kind === 'assumed-role' ? `${p.name ?? ''}:${p.sessionName ?? ''}` : (p.name ?? p.accountId),
      AuthPrincipalOwnerId: p.accountId,
      AuthPrincipalType: p.kind === 'user' ? 'SubUser' : p.kind === 'assumed-role' ? 'AssumedRoleUser' : 'Account',
    },
    AuthConditions: Object.entries(context).map(([k, v]) => ({
      ConditionKey: KEY_NAMES[k] ?? k,
      ConditionValues: Array.isArray(v) ? v.map(String) : [String(v)],
    })),
    ExplicitDeny: explicitDeny,
    MatchedPolicies: [],
    NoPermissionPolicyType: policyType,
  };
}

export function encodeDiagnostic(d: DecodedDiagnostic): string {
  return MARKER + Buffer.from(JSON.stringify(d), 'utf8').toString('base64');
}

/** undefined when the text is not an encoded diagnostic of this format. */
export function decodeDiagnostic(text: string): DecodedDiagnostic | undefined {
  if (!text.startsWith(MARKER)) return undefined;
  const b64 = text.slice(MARKER.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  try {
    const d = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as DecodedDiagnostic;
    const ok =
      typeof d === 'object' &&
      d !== null &&
      typeof d.AuthAction === 'string' &&
      typeof d.AuthResource === 'string' &&
      typeof d.AuthPrincipal?.AuthPrincipalOwnerId === 'string' &&
      typeof d.ExplicitDeny === 'boolean' &&
      Array.isArray(d.AuthConditions);
    return ok ? d : undefined;
  } catch {
    return undefined;
  }
}

/** The `AccessDeniedDetail` object of the error body. */
export function accessDeniedDetail(d: DecodedDiagnostic): Record<string, string> {
  return {
    PolicyType: d.NoPermissionPolicyType,
    AuthPrincipalOwnerId: d.AuthPrincipal.AuthPrincipalOwnerId,
    EncodedDiagnosticMessage: encodeDiagnostic(d),
    AuthPrincipalType: d.AuthPrincipal.AuthPrincipalType,
    AuthPrincipalDisplayName: d.AuthPrincipal.AuthPrincipalDisplayName,
    NoPermissionType: d.ExplicitDeny ? 'ExplicitDeny' : 'ImplicitDeny',
    AuthAction: d.AuthAction,
  };
}
