/**
 * Limits and name rules of the policy language that parse.ts enforces when a document is created.
 * Alibaba documents only the document lengths (6,144 characters for a custom policy, 2,048 for an
 * STS session policy); the per-pattern caps are resdir's (docs/ram-sts.md), chosen far above any
 * real ARN so that no legitimate policy meets them.
 */

/** Longest Action, Resource, StringLike value or Principal, in characters. */
export const MAX_PATTERN_LENGTH = 1024;
/** Most `*` wildcards in one pattern. */
export const MAX_PATTERN_STARS = 32;

/** Names that JavaScript objects answer to: never an element, operator or key of the language. */
export const OBJECT_MEMBER_NAMES: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
]);

/** Why a pattern is refused, or undefined when it is within the caps. */
export function patternProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
  let stars = 0;
  for (const c of pattern) if (c === '*') stars++;
  if (stars > MAX_PATTERN_STARS) return `has more than ${MAX_PATTERN_STARS} "*" wildcards`;
  return undefined;
}

const ACCOUNT = '\\d{16}';
/** What Principal.RAM may name: an account (`<uid>` or its root), or one user or role of an account. */
const RAM_PRINCIPAL = new RegExp(
  `^(${ACCOUNT}|acs:ram::${ACCOUNT}:root|acs:ram::${ACCOUNT}:(user|role)/[A-Za-z0-9._-]{1,64})$`,
);
/** What Principal.Service may name: an Alibaba Cloud service, e.g. ecs.aliyuncs.com. */
const SERVICE_PRINCIPAL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.aliyuncs\.com$/;
/** What Principal.Federated may name: an identity provider of an account. */
const FEDERATED_PRINCIPAL = new RegExp(`^acs:ram::${ACCOUNT}:(saml-provider|oidc-provider)/[A-Za-z0-9._-]{1,128}$`);

/** Principals are matched exactly: each type accepts only its documented forms, never a wildcard. */
export function principalProblem(type: 'RAM' | 'Service' | 'Federated', value: string): string | undefined {
  const shape = type === 'RAM' ? RAM_PRINCIPAL : type === 'Service' ? SERVICE_PRINCIPAL : FEDERATED_PRINCIPAL;
  if (shape.test(value)) return undefined;
  return type === 'RAM'
    ? 'must be an account ID, acs:ram::<account ID>:root, or the ARN of one RAM user or role (no wildcard)'
    : type === 'Service'
      ? 'must be the name of an Alibaba Cloud service, such as ecs.aliyuncs.com (no wildcard)'
      : 'must be the ARN of one SAML or OIDC identity provider (no wildcard)';
}
