/**
 * STS AssumeRole. Contract, in order:
 * - the root identity cannot assume roles                       → NoPermission
 * - RoleArn must be acs:ram::<16-digit uid>:role/<name>          → InvalidParameter.RoleArn
 * - the role must exist                                          → EntityNotExist.Role
 * - its trust policy must allow sts:AssumeRole to the caller     → NoPermission
 *   (Principal.RAM lists "acs:ram::<uid>:root" or "<uid>" for any RAM identity of that account,
 *   or exact user/role ARNs; a Deny wins)
 * - 900 ≤ DurationSeconds ≤ the role's MaxSessionDuration (≤ 43200) → InvalidParameter.DurationSeconds
 * - the session Policy, if any, must parse                        → InvalidParameter.PolicyGrammar
 * Role chaining (an assumed role calling AssumeRole) never widens: the new session keeps every
 * session policy of the calling session, and the new Policy, if any, narrows it further (at most
 * MAX_SESSION_POLICIES in all                                    → InvalidParameter.PolicyGrammar).
 * The credential's secret is sealed and its token hashed before they are stored; both are
 * returned once.
 */
import { randomInt } from 'node:crypto';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamRole } from '../../store/ram-ports.js';
import type { Principal } from '../../auth/principal.js';
import { parsePolicyDocument, trustedDocument } from '../../auth/policy/parse.js';
import { conditionHolds, type RequestContext } from '../../auth/policy/conditions.js';
import { globMatch } from '../../auth/policy/match.js';
import { hashToken, newSecurityToken } from '../../auth/security-token.js';
import { sessionPolicyTexts, storedSessionPolicy } from '../../auth/authorize.js';
import { STS_KEY_PREFIX } from '../identity/credentials.js';

export const MIN_DURATION = 900;
export const MAX_DURATION = 43200;
/** Most session policies a chained session may carry (each chained AssumeRole with Policy adds one). */
export const MAX_SESSION_POLICIES = 8;
const ROLE_ARN = /^acs:ram::(\d{16}):role\/([A-Za-z0-9.-]{1,64})$/;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (n: number): string => Array.from({ length: n }, () => ALNUM[randomInt(ALNUM.length)]).join('');

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds?: number;
  policy?: string;
}

export interface IssuedCredential {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  expiresAt: number;
  role: RamRole;
  sessionName: string;
}

/**
 * Whether a trust policy principal names the caller. Matched exactly, never as a pattern: the
 * caller's account (`<uid>` or `acs:ram::<uid>:root`: any RAM identity of it), the caller's own
 * user ARN, or — for an assumed role — the ARN of its role (role names compare case-insensitively).
 */
export function principalNames(principal: string, caller: Principal): boolean {
  if (principal === caller.accountId || principal === `acs:ram::${caller.accountId}:root`) return true;
  if (caller.kind === 'user') return principal === caller.arn;
  if (caller.kind === 'assumed-role')
    return principal.toLowerCase() === `acs:ram::${caller.accountId}:role/${(caller.name ?? '').toLowerCase()}`;
  return false;
}

/** Whether the trust policy lets `caller` assume the role. */
export function trustAllows(trustPolicy: string, caller: Principal, context: RequestContext): boolean {
  const doc = trustedDocument(trustPolicy, 'trust');
  let allowed = false;
  for (const st of doc.Statement) {
    const action = st.Action
      ? st.Action.some((a) => globMatch(a, 'sts:AssumeRole', true))
      : !(st.NotAction ?? []).some((a) => globMatch(a, 'sts:AssumeRole', true));
    if (!action || !(st.Principal?.RAM ?? []).some((p) => principalNames(p, caller))) continue;
    if (!conditionHolds(st.Condition, context, st.Effect)) continue;
    if (st.Effect === 'Deny') return false;
    allowed = true;
  }
  return allowed;
}

export class StsService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
  ) {}

  async assumeRole(
    caller: Principal,
    input: AssumeRoleInput,
    context: RequestContext,
  ): Promise<Result<IssuedCredential, ApiFailure>> {
    if (caller.kind === 'root')
      return err(failure('NoPermission', 'Roles may not be assumed by root accounts. Use a RAM user or a RAM role.'));
    const m = ROLE_ARN.exec(input.roleArn);
    if (!m) return err(failure('InvalidParameter.RoleArn'));
    const role = await this.store.ram.getRole(m[1]!, m[2]!);
    if (!role) return err(failure('EntityNotExist.Role', `The role ${input.roleArn} does not exist.`));
    if (!trustAllows(role.trust_policy, caller, context)) {
      return err(
        failure(
          'NoPermission',
          `No permission perform sts:AssumeRole on this Role: the trust policy of ${input.roleArn} does not allow ` +
            `${caller.arn}.`,
        ),
      );
    }
    const duration = input.durationSeconds ?? Math.min(3600, role.max_session_duration);
    const max = Math.min(MAX_DURATION, role.max_session_duration);
    if (!Number.isInteger(duration) || duration < MIN_DURATION || duration > max) {
      return err(
        failure(
          'InvalidParameter.DurationSeconds',
          `The Min/Max value of DurationSeconds is ${MIN_DURATION}/${max} seconds for this role.`,
        ),
      );
    }
    if (input.policy !== undefined) {
      const p = parsePolicyDocument(input.policy);
      if (!p.ok)
        return err(
          failure('InvalidParameter.PolicyGrammar', `The parameter Policy has not passed grammar check: ${p.error}`),
        );
    }
    const inherited = sessionPolicyTexts(caller.kind === 'assumed-role' ? caller.sessionPolicy : null);
    const policies = [...new Set([...inherited, ...(input.policy !== undefined ? [input.policy] : [])])];
    if (policies.length > MAX_SESSION_POLICIES) {
      return err(
        failure(
          'InvalidParameter.PolicyGrammar',
          `A session obtained by role chaining carries at most ${MAX_SESSION_POLICIES} session policies.`,
        ),
      );
    }
    const now = this.clock.now();
    const issued: IssuedCredential = {
      accessKeyId: `${STS_KEY_PREFIX}NU${random(24)}`,
      accessKeySecret: random(44),
      securityToken: newSecurityToken(),
      expiresAt: now + duration * 1000,
      role,
      sessionName: input.sessionName,
    };
    await this.store.ram.insertSession({
      access_key_id: issued.accessKeyId,
      account_id: role.account_id,
      role_id: role.id,
      role_name: role.name,
      session_name: input.sessionName,
      secret_enc: this.keyring.accessKeySecrets.seal(issued.accessKeySecret),
      token_hash: hashToken(issued.securityToken),
      session_policy: storedSessionPolicy(policies),
      source_arn: caller.arn,
      created_at: now,
      expires_at: issued.expiresAt,
    });
    return ok(issued);
  }
}
