/**
 * The policy language, table-driven: wildcards, NotAction, NotResource, every condition operator,
 * deny precedence and session-policy narrowing. Each row: documents, request, expected decision.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateWithSession, type Decision } from '../../src/auth/policy/evaluate.js';
import { parsePolicyDocument } from '../../src/auth/policy/parse.js';
import { SYSTEM_POLICY_TEXTS, type PolicyDocument } from '../../src/auth/policy/document.js';

/** The JSON each table document was parsed from, to tell which operators a row exercises. */
const sourceOf = new WeakMap<PolicyDocument, string>();
const doc = (...statements: object[]): PolicyDocument => {
  const text = JSON.stringify({ Version: '1', Statement: statements });
  const r = parsePolicyDocument(text);
  if (!r.ok) throw new Error(r.error);
  sourceOf.set(r.value, text);
  return r.value;
};
const sys = (name: string): PolicyDocument => {
  const r = parsePolicyDocument(SYSTEM_POLICY_TEXTS[name]!.document);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const allow = (Action: unknown, Resource: unknown = '*', Condition?: object) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const deny = (Action: unknown, Resource: unknown = '*', Condition?: object) => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});

const SEND = 'resourcemanager:SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'resourcemanager:BindSecureMobilePhone';
const ACCT = 'acs:resourcemanager::1000000000000001:account/rd-abc/r-def/fd-1/2000000000000002';
const CTX = {
  'acs:sourceip': '192.168.10.7',
  'acs:currenttime': '2026-11-29T10:00:00Z',
  'acs:securetransport': 'false',
  'acs:mfapresent': 'false',
  'acs:principalarn': 'acs:ram::1000000000000001:user/alice',
  'acs:sessionsize': '42',
};
const cond = (op: string, key: string, values: unknown) => ({ [op]: { [key]: values } });

/** The condition operators of the RAM policy language, as Alibaba Cloud documents them. */
const DOCUMENTED_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'IpAddress',
  'NotIpAddress',
];

type Row = [name: string, docs: PolicyDocument[], action: string, resource: string, expected: Decision];

const rows: Row[] = [
  // --- action wildcards and case
  ['exact action', [doc(allow(SEND))], SEND, '*', 'allow'],
  ['star', [doc(allow('*'))], BIND, ACCT, 'allow'],
  ['service star', [doc(allow('resourcemanager:*'))], BIND, ACCT, 'allow'],
  ['other service', [doc(allow('ram:*'))], BIND, ACCT, 'implicit-deny'],
  ['prefix star', [doc(allow('resourcemanager:Send*'))], SEND, ACCT, 'allow'],
  ['prefix star misses', [doc(allow('resourcemanager:Send*'))], BIND, ACCT, 'implicit-deny'],
  ['question mark', [doc(allow('resourcemanager:GetAccoun?'))], 'resourcemanager:GetAccount', '*', 'allow'],
  [
    'question mark needs one char',
    [doc(allow('resourcemanager:GetAccount?'))],
    'resourcemanager:GetAccount',
    '*',
    'implicit-deny',
  ],
  ['action case-insensitive', [doc(allow('ResourceManager:bindsecuremobilephone'))], BIND, ACCT, 'allow'],
  ['action list', [doc(allow(['ram:GetUser', BIND]))], BIND, ACCT, 'allow'],
  ['no documents', [], BIND, ACCT, 'implicit-deny'],
  ['middle star', [doc(allow('resourcemanager:*Mobile*'))], BIND, ACCT, 'allow'],
  // --- NotAction
  ['NotAction excludes', [doc({ Effect: 'Allow', NotAction: BIND, Resource: '*' })], BIND, ACCT, 'implicit-deny'],
  ['NotAction allows others', [doc({ Effect: 'Allow', NotAction: BIND, Resource: '*' })], SEND, ACCT, 'allow'],
  [
    'NotAction glob',
    [doc({ Effect: 'Allow', NotAction: 'ram:*', Resource: '*' })],
    'ram:CreateUser',
    '*',
    'implicit-deny',
  ],
  [
    'Deny NotAction denies all but',
    [doc(allow('*'), { Effect: 'Deny', NotAction: 'resourcemanager:Get*', Resource: '*' })],
    BIND,
    ACCT,
    'explicit-deny',
  ],
  [
    'Deny NotAction spares listed',
    [doc(allow('*'), { Effect: 'Deny', NotAction: 'resourcemanager:Get*', Resource: '*' })],
    'resourcemanager:GetAccount',
    ACCT,
    'allow',
  ],
  // --- resources
  ['resource exact', [doc(allow(BIND, ACCT))], BIND, ACCT, 'allow'],
  ['resource star region', [doc(allow(BIND, 'acs:resourcemanager:*:1000000000000001:account/*'))], BIND, ACCT, 'allow'],
  [
    'resource other account',
    [doc(allow(BIND, 'acs:resourcemanager:*:1000000000000009:account/*'))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'resource path prefix',
    [doc(allow(BIND, 'acs:resourcemanager:*:*:account/rd-abc/r-def/fd-1/*'))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'resource other folder',
    [doc(allow(BIND, 'acs:resourcemanager:*:*:account/rd-abc/r-def/fd-2/*'))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'resource case-sensitive',
    [doc(allow(BIND, 'acs:resourcemanager:*:*:account/RD-ABC/*'))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  ['resource question mark', [doc(allow(BIND, 'acs:resourcemanager:*:*:account/rd-ab?/*'))], BIND, ACCT, 'allow'],
  ['resource list', [doc(allow(BIND, ['acs:ram::1:user/x', ACCT]))], BIND, ACCT, 'allow'],
  // --- NotResource
  ['NotResource excludes', [doc({ Effect: 'Allow', Action: BIND, NotResource: ACCT })], BIND, ACCT, 'implicit-deny'],
  [
    'NotResource allows others',
    [doc({ Effect: 'Allow', Action: BIND, NotResource: 'acs:resourcemanager:*:*:account/rd-zzz/*' })],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'Deny NotResource',
    [doc(allow('*'), { Effect: 'Deny', Action: '*', NotResource: 'acs:resourcemanager:*:*:account/rd-zzz/*' })],
    BIND,
    ACCT,
    'explicit-deny',
  ],
  // --- deny precedence
  ['deny beats allow', [doc(allow('*')), doc(deny(BIND))], BIND, ACCT, 'explicit-deny'],
  ['deny in same doc', [doc(allow('*'), deny(BIND))], BIND, ACCT, 'explicit-deny'],
  ['deny elsewhere irrelevant', [doc(allow('*'), deny(BIND))], SEND, ACCT, 'allow'],
  ['deny order irrelevant', [doc(deny(BIND)), sys('AliyunResourceDirectoryFullAccess')], BIND, ACCT, 'explicit-deny'],
  [
    'deny on other resource',
    [doc(allow('*'), deny(BIND, 'acs:resourcemanager:*:*:account/rd-zzz/*'))],
    BIND,
    ACCT,
    'allow',
  ],
  ['deny alone', [doc(deny('*'))], BIND, ACCT, 'explicit-deny'],
  // --- system policies
  ['FullAccess allows Bind', [sys('AliyunResourceDirectoryFullAccess')], BIND, ACCT, 'allow'],
  ['ReadOnly refuses Bind', [sys('AliyunResourceDirectoryReadOnlyAccess')], BIND, ACCT, 'implicit-deny'],
  [
    'ReadOnly allows GetAccount',
    [sys('AliyunResourceDirectoryReadOnlyAccess')],
    'resourcemanager:GetAccount',
    ACCT,
    'allow',
  ],
  ['Administrator allows all', [sys('AdministratorAccess')], 'ram:DeleteUser', 'acs:ram::1:user/x', 'allow'],
  ['RAMFullAccess is RAM only', [sys('AliyunRAMFullAccess')], BIND, ACCT, 'implicit-deny'],
  ['STSAssumeRole', [sys('AliyunSTSAssumeRoleAccess')], 'sts:AssumeRole', 'acs:ram::1:role/r', 'allow'],
  [
    'FullAccess service-linked role needs key',
    [sys('AliyunResourceDirectoryFullAccess')],
    'ram:CreateServiceLinkedRole',
    '*',
    'implicit-deny',
  ],
  // --- string operators
  [
    'StringEquals hit',
    [doc(allow(BIND, '*', cond('StringEquals', 'acs:PrincipalARN', CTX['acs:principalarn'])))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'StringEquals miss',
    [doc(allow(BIND, '*', cond('StringEquals', 'acs:PrincipalARN', 'acs:ram::1:user/bob')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'StringEquals case-sensitive',
    [doc(allow(BIND, '*', cond('StringEquals', 'acs:PrincipalARN', 'ACS:RAM::1000000000000001:USER/ALICE')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'StringNotEquals hit',
    [doc(allow(BIND, '*', cond('StringNotEquals', 'acs:PrincipalARN', 'acs:ram::1:user/bob')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'StringNotEquals miss',
    [doc(allow(BIND, '*', cond('StringNotEquals', 'acs:PrincipalARN', CTX['acs:principalarn'])))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'StringEqualsIgnoreCase',
    [doc(allow(BIND, '*', cond('StringEqualsIgnoreCase', 'acs:PrincipalARN', 'ACS:RAM::1000000000000001:USER/ALICE')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'StringNotEqualsIgnoreCase',
    [
      doc(
        allow(BIND, '*', cond('StringNotEqualsIgnoreCase', 'acs:PrincipalARN', 'ACS:RAM::1000000000000001:USER/ALICE')),
      ),
    ],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'StringLike',
    [doc(allow(BIND, '*', cond('StringLike', 'acs:PrincipalARN', 'acs:ram::*:user/al*')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'StringNotLike',
    [doc(allow(BIND, '*', cond('StringNotLike', 'acs:PrincipalARN', 'acs:ram::*:user/al*')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'values are OR',
    [doc(allow(BIND, '*', cond('StringEquals', 'acs:PrincipalARN', ['x', CTX['acs:principalarn']])))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'condition key case-insensitive',
    [doc(allow(BIND, '*', cond('StringEquals', 'ACS:principalarn', CTX['acs:principalarn'])))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'missing key fails',
    [doc(allow(BIND, '*', cond('StringEquals', 'acs:UserAgent', 'x')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'a negated operator holds on a missing key',
    [doc(allow(BIND, '*', cond('StringNotEquals', 'acs:UserAgent', 'x')))],
    BIND,
    ACCT,
    'allow',
  ],
  // --- numeric
  ['NumericEquals', [doc(allow(BIND, '*', cond('NumericEquals', 'acs:SessionSize', 42)))], BIND, ACCT, 'allow'],
  [
    'NumericNotEquals',
    [doc(allow(BIND, '*', cond('NumericNotEquals', 'acs:SessionSize', '42')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  ['NumericLessThan', [doc(allow(BIND, '*', cond('NumericLessThan', 'acs:SessionSize', '43')))], BIND, ACCT, 'allow'],
  [
    'NumericLessThanEquals',
    [doc(allow(BIND, '*', cond('NumericLessThanEquals', 'acs:SessionSize', '41')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'NumericGreaterThan',
    [doc(allow(BIND, '*', cond('NumericGreaterThan', 'acs:SessionSize', '41.5')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'NumericGreaterThanEquals',
    [doc(allow(BIND, '*', cond('NumericGreaterThanEquals', 'acs:SessionSize', '42')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'Numeric non-number never matches',
    [doc(allow(BIND, '*', cond('NumericEquals', 'acs:SessionSize', 'forty-two')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  // --- dates
  [
    'DateLessThan',
    [doc(allow(BIND, '*', cond('DateLessThan', 'acs:CurrentTime', '2027-01-01T00:00:00Z')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'DateLessThan expired',
    [doc(allow(BIND, '*', cond('DateLessThan', 'acs:CurrentTime', '2026-01-01T00:00:00Z')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'DateGreaterThan',
    [doc(allow(BIND, '*', cond('DateGreaterThan', 'acs:CurrentTime', '2026-11-29T09:59:59Z')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'DateGreaterThanEquals',
    [doc(allow(BIND, '*', cond('DateGreaterThanEquals', 'acs:CurrentTime', '2026-11-29T10:00:00Z')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'DateLessThanEquals',
    [doc(allow(BIND, '*', cond('DateLessThanEquals', 'acs:CurrentTime', '2026-11-29T09:00:00Z')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'DateEquals',
    [doc(allow(BIND, '*', cond('DateEquals', 'acs:CurrentTime', '2026-11-29T10:00:00.000Z')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'DateNotEquals',
    [doc(allow(BIND, '*', cond('DateNotEquals', 'acs:CurrentTime', '2026-11-29T10:00:00Z')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'Date epoch seconds',
    [doc(allow(BIND, '*', cond('DateGreaterThan', 'acs:CurrentTime', '1700000000')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'Deny outside a time window',
    [doc(allow('*'), deny(BIND, '*', cond('DateGreaterThan', 'acs:CurrentTime', '2026-06-01T00:00:00Z')))],
    BIND,
    ACCT,
    'explicit-deny',
  ],
  // --- boolean
  [
    'Bool SecureTransport false',
    [doc(allow(BIND, '*', cond('Bool', 'acs:SecureTransport', 'false')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'Bool SecureTransport true required',
    [doc(allow(BIND, '*', cond('Bool', 'acs:SecureTransport', true)))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'Bool MFAPresent required',
    [doc(allow(BIND, '*', cond('Bool', 'acs:MFAPresent', 'true')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'Deny without MFA',
    [doc(allow('*'), deny(BIND, '*', cond('Bool', 'acs:MFAPresent', 'false')))],
    BIND,
    ACCT,
    'explicit-deny',
  ],
  // --- IP
  [
    'IpAddress CIDR hit',
    [doc(allow(BIND, '*', cond('IpAddress', 'acs:SourceIp', '192.168.0.0/16')))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'IpAddress CIDR miss',
    [doc(allow(BIND, '*', cond('IpAddress', 'acs:SourceIp', '10.0.0.0/8')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  ['IpAddress exact', [doc(allow(BIND, '*', cond('IpAddress', 'acs:SourceIp', '192.168.10.7')))], BIND, ACCT, 'allow'],
  [
    'IpAddress list',
    [doc(allow(BIND, '*', cond('IpAddress', 'acs:SourceIp', ['10.0.0.0/8', '192.168.10.0/24'])))],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'NotIpAddress',
    [doc(allow(BIND, '*', cond('NotIpAddress', 'acs:SourceIp', '192.168.0.0/16')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'Deny NotIpAddress outside office',
    [doc(allow('*'), deny('*', '*', cond('NotIpAddress', 'acs:SourceIp', '10.0.0.0/8')))],
    BIND,
    ACCT,
    'explicit-deny',
  ],
  [
    'IpAddress bad CIDR never matches',
    [doc(allow(BIND, '*', cond('IpAddress', 'acs:SourceIp', '192.168.0.0/99')))],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  // --- several conditions are AND
  [
    'two operators both hold',
    [
      doc(
        allow(BIND, '*', { IpAddress: { 'acs:SourceIp': '192.168.0.0/16' }, Bool: { 'acs:SecureTransport': 'false' } }),
      ),
    ],
    BIND,
    ACCT,
    'allow',
  ],
  [
    'two operators one fails',
    [
      doc(
        allow(BIND, '*', { IpAddress: { 'acs:SourceIp': '192.168.0.0/16' }, Bool: { 'acs:SecureTransport': 'true' } }),
      ),
    ],
    BIND,
    ACCT,
    'implicit-deny',
  ],
  [
    'two keys one fails',
    [
      doc(
        allow(BIND, '*', { StringEquals: { 'acs:PrincipalARN': CTX['acs:principalarn'], 'acs:MFAPresent': 'true' } }),
      ),
    ],
    BIND,
    ACCT,
    'implicit-deny',
  ],
];

/** Per operator: a policy value that makes it hold on CTX, and one that makes it fail. */
const OPERATOR_PAIRS: Array<[op: string, key: string, holds: string, fails: string]> = [
  ['StringEquals', 'acs:PrincipalARN', 'acs:ram::1000000000000001:user/alice', 'acs:ram::1000000000000001:user/bob'],
  ['StringNotEquals', 'acs:PrincipalARN', 'acs:ram::1000000000000001:user/bob', 'acs:ram::1000000000000001:user/alice'],
  ['StringEqualsIgnoreCase', 'acs:PrincipalARN', 'ACS:RAM::1000000000000001:USER/ALICE', 'ACS:RAM::1:USER/BOB'],
  ['StringNotEqualsIgnoreCase', 'acs:PrincipalARN', 'ACS:RAM::1:USER/BOB', 'ACS:RAM::1000000000000001:USER/ALICE'],
  ['StringLike', 'acs:PrincipalARN', 'acs:ram::*:user/al*', 'acs:ram::*:user/bo*'],
  ['StringNotLike', 'acs:PrincipalARN', 'acs:ram::*:user/bo*', 'acs:ram::*:user/al*'],
  ['NumericEquals', 'acs:SessionSize', '42', '41'],
  ['NumericNotEquals', 'acs:SessionSize', '41', '42'],
  ['NumericLessThan', 'acs:SessionSize', '43', '42'],
  ['NumericLessThanEquals', 'acs:SessionSize', '42', '41'],
  ['NumericGreaterThan', 'acs:SessionSize', '41', '42'],
  ['NumericGreaterThanEquals', 'acs:SessionSize', '42', '43'],
  ['DateEquals', 'acs:CurrentTime', '2026-11-29T10:00:00Z', '2026-11-29T10:00:01Z'],
  ['DateNotEquals', 'acs:CurrentTime', '2026-11-29T10:00:01Z', '2026-11-29T10:00:00Z'],
  ['DateLessThan', 'acs:CurrentTime', '2026-11-29T10:00:01Z', '2026-11-29T10:00:00Z'],
  ['DateLessThanEquals', 'acs:CurrentTime', '2026-11-29T10:00:00Z', '2026-11-29T09:59:59Z'],
  ['DateGreaterThan', 'acs:CurrentTime', '2026-11-29T09:59:59Z', '2026-11-29T10:00:00Z'],
  ['DateGreaterThanEquals', 'acs:CurrentTime', '2026-11-29T10:00:00Z', '2026-11-29T10:00:01Z'],
  ['Bool', 'acs:SecureTransport', 'false', 'true'],
  ['IpAddress', 'acs:SourceIp', '192.168.10.0/24', '10.0.0.0/8'],
  ['NotIpAddress', 'acs:SourceIp', '10.0.0.0/8', '192.168.10.0/24'],
];
for (const [op, key, holds, fails] of OPERATOR_PAIRS) {
  rows.push([`${op} holds`, [doc(allow(BIND, '*', cond(op, key, holds)))], BIND, ACCT, 'allow']);
  rows.push([`${op} fails`, [doc(allow(BIND, '*', cond(op, key, fails)))], BIND, ACCT, 'implicit-deny']);
}

type SessionRow = [
  name: string,
  identity: PolicyDocument[],
  session: PolicyDocument | undefined,
  action: string,
  expected: Decision,
];
const sessionRows: SessionRow[] = [
  ['no session policy: role rights', [sys('AliyunResourceDirectoryFullAccess')], undefined, BIND, 'allow'],
  ['session narrows to Send', [sys('AliyunResourceDirectoryFullAccess')], doc(allow(SEND)), BIND, 'implicit-deny'],
  ['session keeps Send', [sys('AliyunResourceDirectoryFullAccess')], doc(allow(SEND)), SEND, 'allow'],
  ['session cannot widen', [sys('AliyunResourceDirectoryReadOnlyAccess')], doc(allow('*')), BIND, 'implicit-deny'],
  ['session deny wins', [sys('AdministratorAccess')], doc(allow('*'), deny(BIND)), BIND, 'explicit-deny'],
  [
    'identity deny wins over session allow',
    [sys('AdministratorAccess'), doc(deny(BIND))],
    doc(allow('*')),
    BIND,
    'explicit-deny',
  ],
  ['no identity policy', [], doc(allow('*')), BIND, 'implicit-deny'],
];

describe('policy evaluation (table)', () => {
  it('every documented condition operator has a row where it grants and one where it does not', () => {
    const lacking = DOCUMENTED_OPERATORS.filter((op) => {
      const uses = rows.filter(([, docs]) => docs.some((d) => sourceOf.get(d)?.includes(`"${op}":`)));
      const outcomes = new Set(uses.map(([, , , , expected]) => expected));
      return !(outcomes.has('allow') && outcomes.has('implicit-deny'));
    });
    expect(lacking).toEqual([]);
  });
  it.each(rows)('%s', (_name, docs, action, resource, expected) => {
    expect(evaluate(docs, action, resource, CTX)).toBe(expected);
  });
});

describe('session policies narrow the role', () => {
  it.each(sessionRows)('%s', (_name, identity, session, action, expected) => {
    expect(evaluateWithSession(identity, session, { action, resource: ACCT, context: CTX })).toBe(expected);
  });
});

describe('malformed documents are refused precisely', () => {
  const bad: Array<[string, string, RegExp]> = [
    ['not JSON', '{', /not valid JSON/],
    ['wrong version', '{"Version":"2","Statement":[]}', /Version/],
    ['no statements', '{"Version":"1","Statement":[]}', /Statement/],
    [
      'bad effect',
      '{"Version":"1","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}',
      /Statement\[0\]\.Effect/,
    ],
    [
      'both Action and NotAction',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","NotAction":"*","Resource":"*"}]}',
      /exactly one of Action and NotAction/,
    ],
    [
      'no resource',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*"}]}',
      /exactly one of Resource and NotResource/,
    ],
    [
      'action without service',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"GetUser","Resource":"*"}]}',
      /Action\[0\]/,
    ],
    [
      'bad resource',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::x"}]}',
      /Resource\[0\]/,
    ],
    [
      'unknown operator',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",' +
        '"Condition":{"StringMaybe":{"acs:SourceIp":"x"}}}]}',
      /unknown condition operator/,
    ],
    [
      'unknown element',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Foo":1}]}',
      /unknown element "Foo"/,
    ],
    ['empty action list', '{"Version":"1","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}', /Action/],
    [
      'principal in identity policy',
      '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Principal":{"RAM":["1"]}}]}',
      /Principal/,
    ],
  ];
  it.each(bad)('%s', (_n, text, why) => {
    const r = parsePolicyDocument(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
  it('trust policies take Principal, not Resource', () => {
    expect(
      parsePolicyDocument(
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",' +
          '"Principal":{"RAM":["acs:ram::1234567890123456:root"]}}]}',
        'trust',
      ).ok,
    ).toBe(true);
    expect(
      parsePolicyDocument(
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}',
        'trust',
      ).ok,
    ).toBe(false);
  });
  it('every system policy parses', () => {
    for (const [name, t] of Object.entries(SYSTEM_POLICY_TEXTS))
      expect(parsePolicyDocument(t.document).ok, name).toBe(true);
  });
});
