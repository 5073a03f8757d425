/** Properties of the matcher and the evaluator, checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch, matcherSteps } from '../../src/auth/policy/match.js';
import { MAX_PATTERN_LENGTH, MAX_PATTERN_STARS } from '../../src/auth/policy/names.js';
import { parsePolicyDocument } from '../../src/auth/policy/parse.js';
import { evaluateRequest, evaluateWithSession } from '../../src/auth/policy/evaluate.js';
import type { PolicyDocument, PolicyStatement } from '../../src/auth/policy/document.js';

/** The reference semantics: a regular expression built from the glob. */
const viaRegex = (pattern: string, value: string, ci: boolean): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ci ? 'is' : 's',
  ).test(value);

const small = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?'), maxLength: 8 });
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ':', '/'), maxLength: 10 });

describe('globMatch', () => {
  it('agrees with the regular-expression reading of the glob', () => {
    fc.assert(
      fc.property(small, word, fc.boolean(), (p, v, ci) => globMatch(p, v, ci) === viaRegex(p, v, ci)),
      { numRuns: 3000 },
    );
  });
  it('a pattern without wildcards matches only itself', () => {
    fc.assert(fc.property(word, word, (p, v) => globMatch(p, v, false) === (p === v)));
  });
  it('agrees with the regular expression on longer patterns with ? and many segments', () => {
    const longer = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?', '?', 'a'), maxLength: 80 });
    const value = fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 120 });
    fc.assert(
      fc.property(longer, value, (p, v) => globMatch(p, v, false) === viaRegex(p, v, false)),
      {
        numRuns: 2000,
      },
    );
  });
  it('takes steps linear in the value on the pathological patterns (counted, not timed)', () => {
    const value = 'a'.repeat(1_000_000);
    const account = '1234567890123456';
    const head = `acs:ram::${account}:user/`;
    const cases = [
      `${head}*${'a'.repeat(MAX_PATTERN_LENGTH - head.length - 2)}b`,
      `${head}*${'a?'.repeat((MAX_PATTERN_LENGTH - head.length - 2) / 2)}b`,
      `${'*a'.repeat(MAX_PATTERN_STARS)}b`,
      `*${'a'.repeat(500)}*${'a'.repeat(500)}b*`,
    ];
    for (const pattern of cases) {
      expect(pattern.length).toBeLessThanOrEqual(MAX_PATTERN_LENGTH);
      for (const v of [value, `${head}${value}`]) {
        const before = matcherSteps();
        expect(globMatch(pattern, v, false)).toBe(false);
        const steps = matcherSteps() - before;
        // KMP: at most 2 steps per value character plus the pattern; shift-and: one per 32-bit word.
        const words = Math.ceil(pattern.length / 32);
        expect(steps, pattern.slice(0, 40)).toBeLessThanOrEqual(3 * words * v.length + 2 * pattern.length);
      }
    }
    const before = matcherSteps();
    expect(globMatch(cases[0]!, `${head}${value}`, false)).toBe(false);
    expect(matcherSteps() - before).toBeLessThanOrEqual(3 * (value.length + MAX_PATTERN_LENGTH));
  });
});

const ACTIONS = [
  'ram:GetUser',
  'ram:CreateUser',
  'resourcemanager:BindSecureMobilePhone',
  'resourcemanager:GetAccount',
  'sts:AssumeRole',
];
const RESOURCES = ['*', 'acs:ram::1:user/a', 'acs:resourcemanager::1:account/rd-a/r-b/2'];
const statement: fc.Arbitrary<PolicyStatement> = fc.record({
  Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
  Action: fc.array(
    fc.constantFrom('*', 'ram:*', 'ram:Get*', 'resourcemanager:*', 'resourcemanager:Bind*', 'sts:AssumeRole'),
    { minLength: 1, maxLength: 3 },
  ),
  Resource: fc.array(fc.constantFrom('*', 'acs:ram::*:user/*', 'acs:resourcemanager:*:*:account/rd-a/*'), {
    minLength: 1,
    maxLength: 2,
  }),
});
const document: fc.Arbitrary<PolicyDocument> = fc
  .array(statement, { minLength: 1, maxLength: 4 })
  .map((Statement) => ({ Version: '1' as const, Statement }));
const request = fc.record({ action: fc.constantFrom(...ACTIONS), resource: fc.constantFrom(...RESOURCES) });

describe('evaluation', () => {
  it('adding a Deny statement never turns a refusal into an allow, and an applicable Deny always wins', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 3 }), statement, request, (docs, st, req) => {
        const before = evaluateRequest(docs, req);
        const after = evaluateRequest([...docs, { Version: '1', Statement: [{ ...st, Effect: 'Deny' }] }], req);
        if (before !== 'allow') expect(after).not.toBe('allow');
        if (evaluateRequest([{ Version: '1', Statement: [{ ...st, Effect: 'Allow' }] }], req) === 'allow')
          expect(after).toBe('explicit-deny');
      }),
    );
  });
  it('the order of documents does not matter', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 4 }), request, (docs, req) => {
        expect(evaluateRequest([...docs].reverse(), req)).toBe(evaluateRequest(docs, req));
      }),
    );
  });
  it('a session policy never widens the identity policies', () => {
    fc.assert(
      fc.property(fc.array(document, { maxLength: 3 }), document, request, (identity, session, req) => {
        const alone = evaluateRequest(identity, req);
        const narrowed = evaluateWithSession(identity, session, req);
        if (alone !== 'allow') expect(narrowed).not.toBe('allow');
        if (narrowed === 'allow') expect(evaluateRequest([session], req)).toBe('allow');
      }),
    );
  });
});

/** Names JavaScript objects answer to, and look-alikes of the language's own names. */
const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  '__lookupSetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'prototype',
  'length',
  'stringequals',
  'StringEquals ',
  'IpAddress\u0000',
];
const REAL_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIfExists', 'IpAddress', 'NotIpAddress'];
const REAL_KEYS = ['acs:SourceIp', 'acs:PrincipalARN', 'acs:UserAgent'];
const VALUES = ['10.0.0.0/8', '192.168.0.0/16', 'acs:ram::1234567890123456:user/a', 'x'];
const CONTEXT = { 'acs:sourceip': '10.1.2.3', 'acs:principalarn': 'acs:ram::1234567890123456:user/a' };
const unicodeName = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 });
const opName = fc.oneof(fc.constantFrom(...REAL_OPS), fc.constantFrom(...HOSTILE), unicodeName);
const keyName = fc.oneof(
  fc.constantFrom(...REAL_KEYS),
  fc.constantFrom(...HOSTILE),
  fc.constantFrom(...HOSTILE).map((h) => `acs:${h}`),
  unicodeName,
);
const elementName = fc.oneof(fc.constantFrom('Sid'), fc.constantFrom(...HOSTILE), unicodeName);
const hostileStatement = fc.record({
  effect: fc.constantFrom('Allow', 'Deny'),
  conditions: fc.array(fc.tuple(opName, keyName, fc.constantFrom(...VALUES)), { maxLength: 3 }),
  extra: fc.option(elementName, { nil: undefined }),
});

/** A key of the language: `<service>:<name>`, neither part a name that JavaScript objects answer to. */
const MEMBER_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);
const legalKey = (k: string): boolean => {
  const m = /^([a-z0-9-]+):([A-Za-z0-9/_.-]+)$/i.exec(k);
  return m !== null && !MEMBER_NAMES.has(m[1]!) && !MEMBER_NAMES.has(m[2]!);
};

/** The reference reading of one condition, for the language's own operators and keys. */
function reference(op: string, key: string, value: string): boolean {
  const k = key.toLowerCase();
  const actual = Object.hasOwn(CONTEXT, k) ? (CONTEXT as Record<string, string>)[k] : undefined;
  if (actual === undefined) return op.endsWith('IfExists') || op.startsWith('Not') || op.includes('Not');
  const inNet = (ip: string, cidr: string) => cidr === '10.0.0.0/8' && ip.startsWith('10.');
  const base = op.replace(/IfExists$/, '');
  if (base === 'StringEquals') return actual === value;
  if (base === 'StringNotEquals') return actual !== value;
  if (base === 'IpAddress') return inNet(actual, value);
  return !inNet(actual, value);
}

const ALLOW_ALL = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"';
const TRUST = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"';

describe('hostile names in policy documents', () => {
  it('are refused at creation, and what is accepted evaluates exactly as the reference model says', () => {
    fc.assert(
      fc.property(fc.array(hostileStatement, { minLength: 1, maxLength: 3 }), (statements) => {
        // Built as text, so that "__proto__" is a real JSON member name and not a prototype.
        const parts = statements.map((s) => {
          const byOp = new Map<string, Map<string, string>>();
          for (const [op, key, value] of s.conditions) {
            if (!byOp.has(op)) byOp.set(op, new Map());
            byOp.get(op)!.set(key, value);
          }
          const cond = [...byOp].map(
            ([op, keys]) =>
              `${JSON.stringify(op)}:{${[...keys].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)}}`,
          );
          const extra = s.extra !== undefined ? `,${JSON.stringify(s.extra)}:"x"` : '';
          const condition = cond.length > 0 ? `,"Condition":{${cond.join(',')}}` : '';
          return {
            text: `{"Effect":"${s.effect}","Action":"ram:GetUser","Resource":"*"${condition}${extra}}`,
            byOp,
            s,
          };
        });
        const r = parsePolicyDocument(`{"Version":"1","Statement":[${parts.map((p) => p.text).join(',')}]}`);
        const legal = parts.every(
          (p) =>
            (p.s.extra === undefined || p.s.extra === 'Sid') &&
            [...p.byOp].every(([op, keys]) => REAL_OPS.includes(op) && [...keys.keys()].every(legalKey)),
        );
        expect(r.ok).toBe(legal);
        if (!r.ok) return;
        let allowed = false;
        let denied = false;
        for (const p of parts) {
          const applies = [...p.byOp].every(([op, keys]) => [...keys].every(([k, v]) => reference(op, k, v)));
          if (applies && p.s.effect === 'Deny') denied = true;
          if (applies && p.s.effect === 'Allow') allowed = true;
        }
        const expected = denied ? 'explicit-deny' : allowed ? 'allow' : 'implicit-deny';
        expect(
          evaluateRequest([r.value], { action: 'ram:GetUser', resource: 'acs:ram::1:user/a', context: CONTEXT }),
        ).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('each object member name is refused as operator, key, element and principal type', () => {
    for (const h of HOSTILE) {
      const q = JSON.stringify(h);
      const texts = [
        `${ALLOW_ALL},"Condition":{${q}:{"acs:SourceIp":"10.0.0.0/8"}}}]}`,
        `${ALLOW_ALL},"Condition":{"StringEquals":{${q}:"x"}}}]}`,
        `{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",${q}:"x"}]}`,
        `{"Version":"1",${q}:{},"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
      ];
      for (const t of texts) expect(parsePolicyDocument(t).ok, t).toBe(false);
      const trust = `${TRUST},"Principal":{${q}:["1234567890123456"]}}]}`;
      expect(parsePolicyDocument(trust, 'trust').ok, trust).toBe(false);
    }
  });

  it('a stored document with an operator the language lacks never lets an Allow apply, always a Deny', () => {
    const stored = (effect: string) =>
      parsePolicyDocument(
        `{"Version":"1","Statement":[{"Effect":"${effect}","Action":"*","Resource":"*",` +
          '"Condition":{"toString":{"acs:SourceIp":"1.1.1.1"}}},' +
          '{"Effect":"Allow","Action":"ram:List*","Resource":"*"}]}',
        'identity',
        'stored',
      );
    const allow = stored('Allow');
    const deny = stored('Deny');
    if (!allow.ok || !deny.ok) throw new Error('stored documents parse');
    expect(evaluateRequest([allow.value], { action: 'ram:GetUser', resource: '*', context: CONTEXT })).toBe(
      'implicit-deny',
    );
    expect(evaluateRequest([deny.value], { action: 'ram:ListUsers', resource: '*', context: CONTEXT })).toBe(
      'explicit-deny',
    );
  });
});

describe('pattern caps at creation', () => {
  const withResource = (r: string) =>
    parsePolicyDocument(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: r }] }));
  it('refuses a pattern longer than the cap or with more stars, accepts one at the caps', () => {
    const head = 'acs:ram::1234567890123456:user/';
    expect(withResource(`${head}*${'a'.repeat(MAX_PATTERN_LENGTH - head.length - 1)}`).ok).toBe(true);
    const long = withResource(`${head}*${'a'.repeat(MAX_PATTERN_LENGTH - head.length)}`);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.error).toMatch(/Statement\[0\]\.Resource\[0\]: the pattern is longer/);
    expect(withResource(`acs:${'*a'.repeat(MAX_PATTERN_STARS)}`).ok).toBe(true);
    expect(withResource(`acs:${'*a'.repeat(MAX_PATTERN_STARS + 1)}`).ok).toBe(false);
    const like = parsePolicyDocument(
      JSON.stringify({
        Version: '1',
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { StringLike: { 'acs:PrincipalARN': '*a'.repeat(40) } },
          },
        ],
      }),
    );
    expect(like.ok).toBe(false);
  });
});
