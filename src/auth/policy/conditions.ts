/**
 * Condition operators of the RAM policy language. Contract of `conditionHolds`:
 * - every operator of the block and every key under it must hold (AND);
 * - a positive operator holds when the request value matches any listed value (OR);
 * - a negated operator (…Not…, NotIpAddress) holds when it matches none of them;
 * - a key the request does not carry makes its condition fail, negated or not (deny-safe);
 * - condition keys compare case-insensitively; an unparsable number/date/IP never matches.
 */
import { BlockList, isIP } from 'node:net';
import { globMatch } from './match.js';
import type { ConditionBlock } from './document.js';

/** Request facts: lower-cased condition key → its value. */
export type RequestContext = Readonly<Record<string, string>>;

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

const POSITIVE: Record<string, Test> = {
  StringEquals: (r, p) => r === p,
  StringEqualsIgnoreCase: (r, p) => r.toLowerCase() === p.toLowerCase(),
  StringLike: (r, p) => globMatch(p, r, false),
  NumericEquals: cmp(num, (a, b) => a === b),
  NumericLessThan: cmp(num, (a, b) => a < b),
  NumericLessThanEquals: cmp(num, (a, b) => a <= b),
  NumericGreaterThan: cmp(num, (a, b) => a > b),
  NumericGreaterThanEquals: cmp(num, (a, b) => a >= b),
  DateEquals: cmp(date, (a, b) => a === b),
  DateLessThan: cmp(date, (a, b) => a < b),
  DateLessThanEquals: cmp(date, (a, b) => a <= b),
  DateGreaterThan: cmp(date, (a, b) => a > b),
  DateGreaterThanEquals: cmp(date, (a, b) => a >= b),
  Bool: (r, p) => r.toLowerCase() === p.toLowerCase(),
  IpAddress: ipMatches,
};

/** Negated operator → the positive test it negates. */
const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

export function isConditionOperator(op: string): boolean {
  return op in POSITIVE || op in NEGATED;
}

export function conditionHolds(block: ConditionBlock | undefined, ctx: RequestContext): boolean {
  if (!block) return true;
  for (const [op, keys] of Object.entries(block)) {
    const negatedOf = NEGATED[op];
    const test = POSITIVE[negatedOf ?? op];
    if (!test) return false;
    for (const [key, values] of Object.entries(keys)) {
      const actual = ctx[key.toLowerCase()];
      if (actual === undefined) return false;
      const any = values.some((v) => test(actual, v));
      if (negatedOf ? any : !any) return false;
    }
  }
  return true;
}
