/**
 * Every condition operator against a key the request lacks, a single-valued key and a
 * multi-valued key, in Allow and in Deny statements: a negated operator holds on an absent key, a
 * positive one does not, and the …IfExists form of either holds on an absent key.
 */
import { describe, expect, it } from 'vitest';
import { CONDITION_OPERATORS } from '../../src/auth/policy/conditions.js';
import { evaluate } from '../../src/auth/policy/evaluate.js';
import { parsePolicyDocument } from '../../src/auth/policy/parse.js';
import type { PolicyDocument } from '../../src/auth/policy/document.js';

/** Per base operator: a policy value, a request value it matches, and one it does not. */
const CASES: Record<string, { policy: string; hit: string; miss: string; negated: boolean }> = {
  StringEquals: { policy: 'dev', hit: 'dev', miss: 'prod', negated: false },
  StringNotEquals: { policy: 'dev', hit: 'dev', miss: 'prod', negated: true },
  StringEqualsIgnoreCase: { policy: 'dev', hit: 'DEV', miss: 'prod', negated: false },
  StringNotEqualsIgnoreCase: { policy: 'dev', hit: 'DEV', miss: 'prod', negated: true },
  StringLike: { policy: 'de*', hit: 'devel', miss: 'prod', negated: false },
  StringNotLike: { policy: 'de*', hit: 'devel', miss: 'prod', negated: true },
  NumericEquals: { policy: '5', hit: '5', miss: '6', negated: false },
  NumericNotEquals: { policy: '5', hit: '5', miss: '6', negated: true },
  NumericLessThan: { policy: '5', hit: '4', miss: '5', negated: false },
  NumericLessThanEquals: { policy: '5', hit: '5', miss: '6', negated: false },
  NumericGreaterThan: { policy: '5', hit: '6', miss: '5', negated: false },
  NumericGreaterThanEquals: { policy: '5', hit: '5', miss: '4', negated: false },
  DateEquals: {
    policy: '2026-01-01T00:00:00Z',
    hit: '2026-01-01T00:00:00Z',
    miss: '2026-01-02T00:00:00Z',
    negated: false,
  },
  DateNotEquals: {
    policy: '2026-01-01T00:00:00Z',
    hit: '2026-01-01T00:00:00Z',
    miss: '2026-01-02T00:00:00Z',
    negated: true,
  },
  DateLessThan: {
    policy: '2026-01-02T00:00:00Z',
    hit: '2026-01-01T00:00:00Z',
    miss: '2026-01-03T00:00:00Z',
    negated: false,
  },
  DateLessThanEquals: {
    policy: '2026-01-02T00:00:00Z',
    hit: '2026-01-02T00:00:00Z',
    miss: '2026-01-03T00:00:00Z',
    negated: false,
  },
  DateGreaterThan: {
    policy: '2026-01-02T00:00:00Z',
    hit: '2026-01-03T00:00:00Z',
    miss: '2026-01-01T00:00:00Z',
    negated: false,
  },
  DateGreaterThanEquals: {
    policy: '2026-01-02T00:00:00Z',
    hit: '2026-01-02T00:00:00Z',
    miss: '2026-01-01T00:00:00Z',
    negated: false,
  },
  Bool: { policy: 'true', hit: 'true', miss: 'false', negated: false },
  IpAddress: { policy: '10.0.0.0/8', hit: '10.1.2.3', miss: '192.168.0.1', negated: false },
  NotIpAddress: { policy: '10.0.0.0/8', hit: '10.1.2.3', miss: '192.168.0.1', negated: true },
};

const KEY = 'test:Key';
const ACTION = 'ram:GetUser';
const ARN = 'acs:ram::1234567890123456:user/alice';

function documentWith(effect: 'Allow' | 'Deny', op: string, value: string): PolicyDocument[] {
  const statements: object[] = [
    { Effect: effect, Action: ACTION, Resource: '*', Condition: { [op]: { [KEY]: value } } },
  ];
  if (effect === 'Deny') statements.push({ Effect: 'Allow', Action: ACTION, Resource: '*' });
  const r = parsePolicyDocument(JSON.stringify({ Version: '1', Statement: statements }));
  if (!r.ok) throw new Error(r.error);
  return [r.value];
}

/** Whether the condition holds, as the Allow statement (allowed) and the Deny statement (refused) see it. */
function holds(op: string, value: string, ctx: Record<string, string | string[]>): boolean {
  const viaAllow = evaluate(documentWith('Allow', op, value), ACTION, ARN, ctx) === 'allow';
  const viaDeny = evaluate(documentWith('Deny', op, value), ACTION, ARN, ctx) === 'explicit-deny';
  expect(viaDeny, `${op}: Allow and Deny statements read the condition alike`).toBe(viaAllow);
  return viaAllow;
}

describe('condition operators', () => {
  it('the tables cover every operator of the language, plain and …IfExists', () => {
    const names = Object.keys(CASES);
    expect([...CONDITION_OPERATORS].sort()).toEqual([...names, ...names.map((n) => `${n}IfExists`)].sort());
  });

  for (const [base, c] of Object.entries(CASES)) {
    for (const op of [base, `${base}IfExists`]) {
      const ifExists = op.endsWith('IfExists');
      describe(op, () => {
        it(`on an absent key: ${ifExists || c.negated}`, () => {
          expect(holds(op, c.policy, {})).toBe(ifExists || c.negated);
          expect(holds(op, c.policy, { 'test:other': c.hit })).toBe(ifExists || c.negated);
        });
        it('on a single value: holds for a match unless negated', () => {
          expect(holds(op, c.policy, { 'test:key': c.hit })).toBe(!c.negated);
          expect(holds(op, c.policy, { 'test:key': c.miss })).toBe(c.negated);
        });
        it('on several values: any matching value counts as a match', () => {
          expect(holds(op, c.policy, { 'test:key': [c.miss, c.hit] })).toBe(!c.negated);
          expect(holds(op, c.policy, { 'test:key': [c.miss, c.miss] })).toBe(c.negated);
          expect(holds(op, c.policy, { 'test:key': [] })).toBe(ifExists || c.negated);
        });
      });
    }
  }

  it('a Deny with StringNotEquals on a key the request lacks applies', () => {
    const docs = documentWith('Deny', 'StringNotEquals', 'x');
    expect(evaluate(docs, ACTION, ARN, { 'acs:sourceip': '10.0.0.1' })).toBe('explicit-deny');
    expect(evaluate(documentWith('Deny', 'StringNotEqualsIfExists', 'x'), ACTION, ARN, {})).toBe('explicit-deny');
    expect(evaluate(documentWith('Deny', 'StringEqualsIfExists', 'x'), ACTION, ARN, { 'test:key': 'y' })).toBe('allow');
  });
});
