/**
 * Condition operators of the RAM policy language. Contract of `conditionHolds`:
 * - every operator of the block and every key under it must hold (AND);
 * - a key holds a single value or a list; a positive operator holds when some request value
 *   matches some listed value (OR); a negated operator (…Not…, NotIpAddress) is its exact negation;
 * - a key the request does not carry: a positive operator is false, a negated one true; the
 *   `…IfExists` form of any operator is true on an absent key and the plain operator otherwise;
 * - condition keys compare case-insensitively; an unparsable number/date/IP never matches;
 * - an operator that is not the language's own (only possible in a document stored before it was
 *   refused at creation) never lets an Allow apply and always lets a Deny apply: never dropped.
 */
import { BlockList, isIP } from 'node:net';
import { globMatch } from './match.js';
import type { ConditionBlock } from './document.js';

/** Request facts: lower-cased condition key → its value or values. */
export type RequestContext = Readonly<Record<string, string | readonly string[]>>;

type Test = (requestValue: string, policyValue: string) => boolean;

const num = (s: string): number | undefined => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : undefined);
const date = (s: string): number | undefined => {
  const t = /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
  return Number.isFinite(t) ? t : undefined;
};
const cmp =
  <T>(parse: (s: string) => T | undefined, f: (a: T, b: T) => boolean): Test =>
  (r, p) => {
    const a = parse(r);
    const b = parse(p);
    return a !== undefined && b !== undefined && f(a, b);
  };

function ipMatches(requestIp: string, cidr: string): boolean {
  const ip = requestIp.startsWith('::ffff:') && isIP(requestIp.slice(7)) === 4 ? requestIp.slice(7) : requestIp;
  const family = isIP(ip);
  if (family === 0) return false;
  const [net, bits] = cidr.split('/') as [string, string | undefined];
  const netFamily = isIP(net);
  if (netFamily !== family) return false;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^\d+$/.test(bits) ? Number(bits) : -1;
  if (prefix < 0 || prefix > max) return false;
  const list = new BlockList();
  list.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Operator → [its positive test, whether it is negated]. Maps, so no prototype member is an operator. */
const BASE = new Map<string, readonly [Test, boolean]>();
const positive = (name: string, t: Test): void => void BASE.set(name, [t, false]);
positive('StringEquals', (r, p) => r === p);
positive('StringEqualsIgnoreCase', (r, p) => r.toLowerCase() === p.toLowerCase());
positive('StringLike', (r, p) => globMatch(p, r, false));
positive(
  'NumericEquals',
  cmp(num, (a, b) => a === b),
);
positive(
  'NumericLessThan',
  cmp(num, (a, b) => a < b),
);
positive(
  'NumericLessThanEquals',
  cmp(num, (a, b) => a <= b),
);
positive(
  'NumericGreaterThan',
  cmp(num, (a, b) => a > b),
);
positive(
  'NumericGreaterThanEquals',
  cmp(num, (a, b) => a >= b),
);
positive(
  'DateEquals',
  cmp(date, (a, b) => a === b),
);
positive(
  'DateLessThan',
  cmp(date, (a, b) => a < b),
);
positive(
  'DateLessThanEquals',
  cmp(date, (a, b) => a <= b),
);
positive(
  'DateGreaterThan',
  cmp(date, (a, b) => a > b),
);
positive(
  'DateGreaterThanEquals',
  cmp(date, (a, b) => a >= b),
);
positive('Bool', (r, p) => r.toLowerCase() === p.toLowerCase());
positive('IpAddress', ipMatches);
for (const [negated, of] of [
  ['StringNotEquals', 'StringEquals'],
  ['StringNotEqualsIgnoreCase', 'StringEqualsIgnoreCase'],
  ['StringNotLike', 'StringLike'],
  ['NumericNotEquals', 'NumericEquals'],
  ['DateNotEquals', 'DateEquals'],
  ['NotIpAddress', 'IpAddress'],
] as const)
  BASE.set(negated, [BASE.get(of)![0], true]);

interface Operator {
  test: Test;
  negated: boolean;
  ifExists: boolean;
}
const OPERATORS = new Map<string, Operator>();
for (const [name, [test, negated]] of BASE) {
  OPERATORS.set(name, { test, negated, ifExists: false });
  OPERATORS.set(`${name}IfExists`, { test, negated, ifExists: true });
}

/** Every operator of the language, plain and `…IfExists`. */
export const CONDITION_OPERATORS: readonly string[] = [...OPERATORS.keys()];

export function isConditionOperator(op: string): boolean {
  return OPERATORS.has(op);
}

/** The request's values of a key, or undefined when it does not carry the key. */
function valuesOf(ctx: RequestContext, key: string): readonly string[] | undefined {
  const k = key.toLowerCase();
  if (!Object.hasOwn(ctx, k)) return undefined;
  const v = ctx[k];
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  return list.length === 0 ? undefined : list;
}

/** Whether one operator holds for one key. */
export function operatorHolds(op: string, key: string, values: readonly string[], ctx: RequestContext): boolean {
  const o = OPERATORS.get(op);
  if (!o) throw new Error(`unknown condition operator ${op}`);
  const actual = valuesOf(ctx, key);
  if (actual === undefined) return o.ifExists || o.negated;
  const any = actual.some((a) => values.some((v) => o.test(a, v)));
  return o.negated ? !any : any;
}

/** See the contract at the top; `effect` decides how an operator unknown to the language counts. */
export function conditionHolds(
  block: ConditionBlock | undefined,
  ctx: RequestContext,
  effect: 'Allow' | 'Deny' = 'Allow',
): boolean {
  if (!block) return true;
  for (const op of Object.keys(block)) {
    const keys = block[op]!;
    if (!OPERATORS.has(op)) {
      if (effect === 'Allow') return false;
      continue;
    }
    for (const key of Object.keys(keys)) if (!operatorHolds(op, key, keys[key]!, ctx)) return false;
  }
  return true;
}
