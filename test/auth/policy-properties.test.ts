/** Properties of the matcher and the evaluator, checked with fast-check. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/auth/policy/match.js';
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
  it('stays fast on adversarial patterns', () => {
    const t = Date.now();
    expect(globMatch(`${'*a'.repeat(200)}b`, 'a'.repeat(5000), false)).toBe(false);
    expect(Date.now() - t).toBeLessThan(1000);
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
