/**
 * acs:SecureTransport in policy evaluation, checked with fast-check over random policies: the
 * request context built for a request (src/auth/authorize.ts) carries whether it arrived over TLS,
 * "Deny unless SecureTransport" refuses every plain-HTTP request and changes nothing over TLS, and
 * an Allow that requires SecureTransport applies over TLS only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestContext } from '../../src/auth/authorize.js';
import type { Principal } from '../../src/auth/principal.js';
import type { PolicyDocument, PolicyStatement } from '../../src/auth/policy/document.js';
import { evaluateRequest } from '../../src/auth/policy/evaluate.js';
import { trustedDocument } from '../../src/auth/policy/parse.js';

const principal: Principal = {
  accountId: '1',
  kind: 'user',
  name: 'a',
  arn: 'acs:ram::1:user/a',
  accessKeyId: 'LTAI',
  stableId: 'u-1',
};
const contextOf = (secureTransport: boolean) =>
  requestContext(principal, { sourceIp: '127.0.0.1', now: 0, secureTransport });

const ACTIONS = [
  'ram:GetUser',
  'resourcemanager:GetAccount',
  'resourcemanager:BindSecureMobilePhone',
  'sts:AssumeRole',
];
const RESOURCES = ['*', 'acs:ram::1:user/a', 'acs:resourcemanager::1:account/rd-a/r-b/2'];
const statement: fc.Arbitrary<PolicyStatement> = fc.record({
  Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
  Action: fc.array(fc.constantFrom('*', 'ram:*', 'resourcemanager:*', 'resourcemanager:Get*', 'sts:AssumeRole'), {
    minLength: 1,
    maxLength: 3,
  }),
  Resource: fc.array(fc.constantFrom('*', 'acs:ram::*:user/*', 'acs:resourcemanager:*:*:account/rd-a/*'), {
    minLength: 1,
    maxLength: 2,
  }),
});
const documents = fc.array(
  fc.array(statement, { minLength: 1, maxLength: 4 }).map((Statement): PolicyDocument => ({ Version: '1', Statement })),
  { maxLength: 3 },
);
const request = fc.record({ action: fc.constantFrom(...ACTIONS), resource: fc.constantFrom(...RESOURCES) });
/** Written as a user would, in either spelling of the key and of the boolean. */
const spelled = fc.record({
  key: fc.constantFrom('acs:SecureTransport', 'acs:securetransport', 'ACS:SECURETRANSPORT'),
  caps: fc.boolean(),
});
const word = (b: boolean, caps: boolean) => (caps ? (b ? 'True' : 'False') : String(b));

describe('acs:SecureTransport', () => {
  it('is "true" in the request context exactly over TLS', () => {
    expect(contextOf(true)['acs:securetransport']).toBe('true');
    expect(contextOf(false)['acs:securetransport']).toBe('false');
  });

  it('"Deny unless SecureTransport" refuses every plain-HTTP request and changes nothing over TLS', () => {
    fc.assert(
      fc.property(documents, request, spelled, (docs, req, s) => {
        const deny = trustedDocument(
          JSON.stringify({
            Version: '1',
            Statement: [
              { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { [s.key]: word(false, s.caps) } } },
            ],
          }),
        );
        const guarded = [...docs, deny];
        expect(evaluateRequest(guarded, { ...req, context: contextOf(false) })).toBe('explicit-deny');
        expect(evaluateRequest(guarded, { ...req, context: contextOf(true) })).toBe(
          evaluateRequest(docs, { ...req, context: contextOf(true) }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('an Allow that requires SecureTransport applies over TLS only', () => {
    fc.assert(
      fc.property(statement, request, spelled, (st, req, s) => {
        const unconditional: PolicyDocument = { Version: '1', Statement: [{ ...st, Effect: 'Allow' }] };
        const conditional = trustedDocument(
          JSON.stringify({
            Version: '1',
            Statement: [{ ...st, Effect: 'Allow', Condition: { Bool: { [s.key]: [word(true, s.caps)] } } }],
          }),
        );
        const plain = evaluateRequest([conditional], { ...req, context: contextOf(false) });
        const tls = evaluateRequest([conditional], { ...req, context: contextOf(true) });
        expect(plain).toBe('implicit-deny');
        expect(tls).toBe(evaluateRequest([unconditional], { ...req, context: contextOf(true) }));
      }),
      { numRuns: 500 },
    );
  });
});
