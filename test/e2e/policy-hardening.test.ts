/**
 * The policy language and the identities cannot be widened or fooled, through the official SDKs:
 * names that are not the language's own are refused, negated operators apply on absent keys,
 * pathological patterns are refused and oversized names never reach the matcher, trust policies
 * name principals exactly, and role chaining keeps the calling session's policy.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { ramClient, ramModels as R, stsClient, stsModels as S, type Creds } from '../support/clients.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';
import { MAX_PATTERN_LENGTH } from '../../src/auth/policy/names.js';
import { MAX_SESSION_POLICIES } from '../../src/domain/ram/sts.js';

const require = createRequire(import.meta.url);
const Core = require('@alicloud/openapi-core');
const Dara = require('@darabonba/typescript');

let h: Harness;
let uid: string;
let root: ReturnType<typeof ramClient>;
beforeAll(async () => {
  h = await startResdir();
  uid = h.boot.managementAccountId;
  root = ramClient(h.host, h.boot.root);
});
afterAll(() => h.close());

const policy = (...Statement: object[]) => JSON.stringify({ Version: '1', Statement });
const trustOf = (principal: object, extra: object = {}) =>
  policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: principal, ...extra });
let n = 0;
const fresh = (prefix: string) => `${prefix}-${++n}`;

async function userWith(...statements: object[]) {
  const name = fresh('p');
  await root.createPolicy(new R.CreatePolicyRequest({ policyName: name, policyDocument: policy(...statements) }));
  const u = await addRamUser(h, { name: fresh('u') });
  await root.attachPolicyToUser(
    new R.AttachPolicyToUserRequest({ userName: u.userName, policyType: 'Custom', policyName: name }),
  );
  return u;
}

/** A RAM call with its parameters in the form body (room for a 1,000,000-character value). */
async function ramInBody(creds: Creds, action: string, body: Record<string, string>) {
  const client = new (Core.default ?? Core)(
    new Core.$OpenApiUtil.Config({ ...creds, endpoint: h.host, protocol: 'http' }),
  );
  const params = new Core.$OpenApiUtil.Params({
    action,
    version: '2015-05-01',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const req = new Core.$OpenApiUtil.OpenApiRequest({ body });
  return (await client.callApi(params, req, new Dara.RuntimeOptions({ readTimeout: 60_000 }))).body;
}

describe('names that are not the language own', () => {
  const hostile = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
  it.each(hostile)(
    '%s as a condition operator is MalformedPolicyDocument at CreatePolicy, CreatePolicyVersion and CreateRole',
    async (name) => {
      // As text: "__proto__" must be a JSON member, not an object prototype.
      const doc =
        '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",' +
        `"Condition":{"${name}":{"acs:SourceIp":["10.0.0.0/8"]}}}]}`;
      const e = await refusedWith(
        root.createPolicy(new R.CreatePolicyRequest({ policyName: fresh('h'), policyDocument: doc })),
        'MalformedPolicyDocument',
        400,
      );
      expect(e.data.Message).toContain(name);
      const base = fresh('h');
      await root.createPolicy(
        new R.CreatePolicyRequest({
          policyName: base,
          policyDocument: policy({ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }),
        }),
      );
      await refusedWith(
        root.createPolicyVersion(
          new R.CreatePolicyVersionRequest({ policyName: base, policyDocument: doc, setAsDefault: true }),
        ),
        'MalformedPolicyDocument',
        400,
      );
      const trust =
        `{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":["${uid}"]},` +
        `"Condition":{"${name}":{"acs:SourceIp":"10.0.0.0/8"}}}]}`;
      await refusedWith(
        root.createRole(new R.CreateRoleRequest({ roleName: fresh('r'), assumeRolePolicyDocument: trust })),
        'MalformedPolicyDocument',
        400,
      );
    },
  );
});

describe('negated operators on a key the request lacks', () => {
  it('a Deny with StringNotEquals (or …IfExists) on an absent key refuses; StringEquals does not', async () => {
    const allowAll = { Effect: 'Allow', Action: 'ram:*', Resource: '*' };
    const denyGet = (op: string) => ({
      Effect: 'Deny',
      Action: 'ram:GetUser',
      Resource: '*',
      Condition: { [op]: { 'acs:SourceVpc': 'vpc-only' } },
    });
    for (const [op, refused] of [
      ['StringNotEquals', true],
      ['StringNotEqualsIfExists', true],
      ['StringEquals', false],
      ['StringEqualsIfExists', true],
    ] as const) {
      const u = await userWith(allowAll, denyGet(op));
      const call = ramClient(h.host, u).getUser(new R.GetUserRequest({ userName: u.userName }));
      if (refused) await refusedWith(call, 'NoPermission', 403);
      else expect((await call).body.user.userName).toBe(u.userName);
    }
  });
});

describe('patterns and oversized input', () => {
  const head = () => `acs:ram::${uid}:user/`;
  it('a pattern over the cap is refused at CreatePolicy and as an AssumeRole session Policy', async () => {
    const tooLong = `${head()}*${'a'.repeat(6000)}b`;
    const e = await refusedWith(
      root.createPolicy(
        new R.CreatePolicyRequest({
          policyName: fresh('long'),
          policyDocument: policy({ Effect: 'Deny', Action: 'ram:GetUser', Resource: tooLong }),
        }),
      ),
      'MalformedPolicyDocument',
      400,
    );
    expect(e.data.Message).toContain(`longer than ${MAX_PATTERN_LENGTH}`);
    const roleName = fresh('chain');
    await root.createRole(new R.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trustOf({ RAM: [uid] }) }));
    const u = await addRamUser(h, { name: fresh('sts'), policies: ['AliyunSTSAssumeRoleAccess'] });
    const session = policy({ Effect: 'Allow', Action: 'ram:GetUser', Resource: `${head()}*${'a'.repeat(1900)}b` });
    await refusedWith(
      stsClient(h.host, u).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: `acs:ram::${uid}:role/${roleName}`,
          roleSessionName: 's1',
          policy: session,
        }),
      ),
      'InvalidParameter.PolicyGrammar',
      400,
    );
  });

  it('GetUser with a 1,000,000-character UserName is InvalidParameter, pathological pattern attached', async () => {
    const pattern = `${head()}*${'a'.repeat(MAX_PATTERN_LENGTH - head().length - 2)}b`;
    const u = await userWith(
      { Effect: 'Allow', Action: ['ram:GetUser', 'sts:AssumeRole'], Resource: '*' },
      { Effect: 'Deny', Action: 'ram:GetUser', Resource: pattern },
    );
    const huge = 'a'.repeat(1_000_000);
    const e = await refusedWith(
      ramInBody(u, 'GetUser', { UserName: huge }),
      'InvalidParameter.UserName.InvalidChars',
      400,
    );
    expect(e.statusCode).toBe(400);
    const roleName = fresh('narrow');
    await root.createRole(new R.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trustOf({ RAM: [uid] }) }));
    await root.attachPolicyToRole(
      new R.AttachPolicyToRoleRequest({ roleName, policyType: 'System', policyName: 'AliyunRAMFullAccess' }),
    );
    const s = (
      await stsClient(h.host, u).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: `acs:ram::${uid}:role/${roleName}`,
          roleSessionName: 'patho',
          policy: policy({ Effect: 'Allow', Action: 'ram:GetUser', Resource: pattern }),
        }),
      )
    ).body.credentials;
    const creds = { accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: s.securityToken };
    await refusedWith(ramInBody(creds, 'GetUser', { UserName: huge }), 'InvalidParameter.UserName.InvalidChars', 400);
    // The pattern still means what it says for names within the limits.
    await refusedWith(
      ramClient(h.host, creds).getUser(new R.GetUserRequest({ userName: u.userName })),
      'NoPermission',
      403,
    );
  });
});

describe('trust policy principals are matched exactly', () => {
  it.each([
    ['RAM "*"', { RAM: '*' }],
    ['RAM ["*"]', { RAM: ['*'] }],
    ['a user of any account', { RAM: ['acs:ram::*:user/other-admin'] }],
    ['a wildcard user name', { RAM: ['acs:ram::1000000000000001:user/*'] }],
    ['a short account ID', { RAM: ['12345'] }],
    ['a wildcard service', { Service: ['*'] }],
    ['a service pattern', { Service: ['*.aliyuncs.com'] }],
    ['a hostile principal type', { constructor: ['1000000000000001'] }],
  ])('%s is MalformedPolicyDocument at CreateRole', async (_name, principal) => {
    await refusedWith(
      root.createRole(new R.CreateRoleRequest({ roleName: fresh('t'), assumeRolePolicyDocument: trustOf(principal) })),
      'MalformedPolicyDocument',
      400,
    );
  });

  it('accepts the documented forms, and a user ARN trusts only that user', async () => {
    for (const principal of [
      { RAM: [uid] },
      { RAM: [`acs:ram::${uid}:root`] },
      { RAM: [`acs:ram::${uid}:user/bob`, `acs:ram::${uid}:role/ops`] },
      { Service: ['ecs.aliyuncs.com'] },
    ]) {
      await root.createRole(
        new R.CreateRoleRequest({ roleName: fresh('ok'), assumeRolePolicyDocument: trustOf(principal) }),
      );
    }
    const roleName = fresh('exact');
    await root.createRole(
      new R.CreateRoleRequest({
        roleName,
        assumeRolePolicyDocument: trustOf({ RAM: [`acs:ram::${uid}:user/exact-a`] }),
      }),
    );
    const a = await addRamUser(h, { name: 'exact-a', policies: ['AliyunSTSAssumeRoleAccess'] });
    const b = await addRamUser(h, { name: 'exact-ab', policies: ['AliyunSTSAssumeRoleAccess'] });
    const req = () => new S.AssumeRoleRequest({ roleArn: `acs:ram::${uid}:role/${roleName}`, roleSessionName: 'x1' });
    expect((await stsClient(h.host, a).assumeRole(req())).body.credentials.accessKeyId).toMatch(/^STS\./);
    await refusedWith(stsClient(h.host, b).assumeRole(req()), 'NoPermission', 403);
  });
});

describe('role chaining', () => {
  it('a narrowed session that assumes its role again, without Policy, keeps its session policy', async () => {
    const roleName = fresh('self');
    await root.createRole(new R.CreateRoleRequest({ roleName, assumeRolePolicyDocument: trustOf({ RAM: [uid] }) }));
    await root.attachPolicyToRole(
      new R.AttachPolicyToRoleRequest({ roleName, policyType: 'System', policyName: 'AdministratorAccess' }),
    );
    const u = await addRamUser(h, { name: fresh('chainer'), policies: ['AliyunSTSAssumeRoleAccess'] });
    const arn = `acs:ram::${uid}:role/${roleName}`;
    const narrow = policy({ Effect: 'Allow', Action: ['sts:AssumeRole', 'ram:GetUser'], Resource: '*' });
    const credsOf = (c: { accessKeyId: string; accessKeySecret: string; securityToken: string }) => ({
      accessKeyId: c.accessKeyId,
      accessKeySecret: c.accessKeySecret,
      securityToken: c.securityToken,
    });
    const first = credsOf(
      (
        await stsClient(h.host, u).assumeRole(
          new S.AssumeRoleRequest({ roleArn: arn, roleSessionName: 'one', policy: narrow }),
        )
      ).body.credentials,
    );
    await refusedWith(ramClient(h.host, first).listUsers(new R.ListUsersRequest({})), 'NoPermission', 403);
    const second = credsOf(
      (await stsClient(h.host, first).assumeRole(new S.AssumeRoleRequest({ roleArn: arn, roleSessionName: 'two' })))
        .body.credentials,
    );
    await refusedWith(ramClient(h.host, second).listUsers(new R.ListUsersRequest({})), 'NoPermission', 403);
    expect(
      (await ramClient(h.host, second).getUser(new R.GetUserRequest({ userName: u.userName }))).body.user.userName,
    ).toBe(u.userName);
    // A further Policy narrows again; the first session's policy still applies.
    const third = credsOf(
      (
        await stsClient(h.host, second).assumeRole(
          new S.AssumeRoleRequest({
            roleArn: arn,
            roleSessionName: 'three',
            policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
          }),
        )
      ).body.credentials,
    );
    await refusedWith(ramClient(h.host, third).listUsers(new R.ListUsersRequest({})), 'NoPermission', 403);
    // Each chained AssumeRole with a new Policy adds one (third carries 2); a session carries at most the maximum.
    let chained = third;
    for (let i = 2; i < MAX_SESSION_POLICIES; i++) {
      const extra = policy({
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'ram:GetUser'],
        Resource: `acs:*:*:*:x${i}*`,
      });
      const next = await stsClient(h.host, chained).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: arn,
          roleSessionName: `hop${i}`,
          policy: policy({ Effect: 'Allow', Action: '*', Resource: '*' }, JSON.parse(extra).Statement[0]),
        }),
      );
      chained = credsOf(next.body.credentials);
    }
    await refusedWith(
      stsClient(h.host, chained).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: arn,
          roleSessionName: 'one-too-many',
          policy: policy({ Effect: 'Allow', Action: 'ram:*', Resource: '*' }),
        }),
      ),
      'InvalidParameter.PolicyGrammar',
      400,
    );
    // An unnarrowed session of the same role lists users: the refusals above come from the session policy.
    const plain = credsOf(
      (await stsClient(h.host, u).assumeRole(new S.AssumeRoleRequest({ roleArn: arn, roleSessionName: 'plain' }))).body
        .credentials,
    );
    expect(
      (await ramClient(h.host, plain).listUsers(new R.ListUsersRequest({}))).body.users.user.length,
    ).toBeGreaterThan(0);
  });
});
