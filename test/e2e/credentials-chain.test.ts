/**
 * The official credentials chain (@alicloud/credentials) against resdir over HTTPS, each provider
 * feeding the official Resource Directory SDK: static AccessKey, static STS token, RAM role ARN
 * with `stsEndpoint` pointing at resdir, environment variables prepared by `eval "$(resdir env)"`,
 * and the CLI profile file written by `resdir profile`. Certificate validation is never disabled:
 * in-process clients get the local CA as `ca`; child processes trust it through NODE_EXTRA_CA_CERTS.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeBootstrapFile } from '../../src/bootstrap.js';
import { BIN, cleanEnv, cleanup, ensureBuilt, ROOT, tempDir } from '../cli/proc.js';
import { ramClient, ramModels as R, stsModels as S } from '../support/clients.js';
import { startResdir, type Harness } from '../support/harness.js';
import { addRamUser, type RamUserKey } from '../support/principals.js';
import { caPemOf, httpsClient } from '../support/tls-clients.js';

const require = createRequire(import.meta.url);
const Credentials = require('@alicloud/credentials');
const CHILD = path.join(ROOT, 'test/support/credentials-child.cjs');
const run = promisify(execFile);

let h: Harness;
let ca: string;
let caPath: string;
let uid: string;
let assumer: RamUserKey;
const roleArn = () => `acs:ram::${uid}:role/rd-operator`;

beforeAll(async () => {
  ensureBuilt();
  h = await startResdir();
  ca = caPemOf(h);
  caPath = path.join(h.dataDir, 'ca.pem');
  uid = h.boot.managementAccountId;
  writeBootstrapFile(h.dataDir, h.boot);
  assumer = await addRamUser(h, { name: 'assumer', policies: ['AliyunSTSAssumeRoleAccess'] });
  const root = ramClient(h.host, h.boot.root);
  await root.createRole(
    new R.CreateRoleRequest({
      roleName: 'rd-operator',
      assumeRolePolicyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [assumer.arn] } }],
      }),
    }),
  );
  await root.attachPolicyToRole(
    new R.AttachPolicyToRoleRequest({
      roleName: 'rd-operator',
      policyType: 'System',
      policyName: 'AliyunResourceDirectoryFullAccess',
    }),
  );
}, 200_000);
afterAll(() => h.close());
afterEach(() => cleanup());

interface ChildResult {
  directoryId?: string;
  arn?: string;
  provider?: string;
  error?: string;
}

/** A child environment with nothing of ours or the caller's: no keys, an empty HOME, no ECS metadata. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = cleanEnv({ HOME: tempDir(), ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...extra });
  for (const k of Object.keys(env))
    if (k.startsWith('ALIBABA_CLOUD_') && !(k in extra) && k !== 'ALIBABA_CLOUD_ECS_METADATA_DISABLED') delete env[k];
  delete env.NODE_EXTRA_CA_CERTS;
  return { ...env, ...extra };
}

async function child(input: object, env: NodeJS.ProcessEnv, shell?: string): Promise<ChildResult> {
  const arg = JSON.stringify(input);
  const r = shell
    ? await run('bash', ['-c', `${shell} && exec "$0" "$1" "$2"`, process.execPath, CHILD, arg], {
        env,
        timeout: 20_000,
      }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }))
    : await run(process.execPath, [CHILD, arg], { env, timeout: 20_000 }).catch((e: { stdout?: string }) => ({
        stdout: e.stdout ?? '',
      }));
  return JSON.parse(r.stdout.trim().split('\n').pop() || '{"error":"no output"}') as ChildResult;
}

describe('in this process (the local CA passed as `ca`)', () => {
  it('static AccessKey', async () => {
    const credential = new Credentials.default(
      new Credentials.Config({
        type: 'access_key',
        accessKeyId: h.boot.admin.accessKeyId,
        accessKeySecret: h.boot.admin.accessKeySecret,
      }),
    );
    const rd = (await httpsClient('rm', h.host, ca, { credential }).getResourceDirectory()).body.resourceDirectory;
    expect(rd.resourceDirectoryId).toBe(h.boot.resourceDirectoryId);
    const who = (await httpsClient('sts', h.host, ca, { credential }).getCallerIdentity()).body;
    expect(who.arn).toBe(h.boot.admin.principal);
  });

  it('static STS token from AssumeRole over HTTPS', async () => {
    const issued = (
      await httpsClient('sts', h.host, ca, assumer).assumeRole(
        new S.AssumeRoleRequest({ roleArn: roleArn(), roleSessionName: 'static-sts' }),
      )
    ).body.credentials;
    const credential = new Credentials.default(
      new Credentials.Config({
        type: 'sts',
        accessKeyId: issued.accessKeyId,
        accessKeySecret: issued.accessKeySecret,
        securityToken: issued.securityToken,
      }),
    );
    const rd = (await httpsClient('rm', h.host, ca, { credential }).getResourceDirectory()).body.resourceDirectory;
    expect(rd.resourceDirectoryId).toBe(h.boot.resourceDirectoryId);
    const who = (await httpsClient('sts', h.host, ca, { credential }).getCallerIdentity()).body;
    expect(who.arn).toBe(`acs:ram::${uid}:assumed-role/rd-operator/static-sts`);
  });
});

describe('in a child process (the local CA trusted through NODE_EXTRA_CA_CERTS)', () => {
  it('RAM role ARN with stsEndpoint pointing at resdir (the provider always speaks HTTPS)', async () => {
    const config = {
      type: 'ram_role_arn',
      accessKeyId: assumer.accessKeyId,
      accessKeySecret: assumer.accessKeySecret,
      roleArn: roleArn(),
      roleSessionName: 'chain-role',
      stsEndpoint: h.host,
    };
    const r = await child({ config, endpoint: h.host }, childEnv({ NODE_EXTRA_CA_CERTS: caPath }));
    expect(r).toEqual({
      directoryId: h.boot.resourceDirectoryId,
      arn: `acs:ram::${uid}:assumed-role/rd-operator/chain-role`,
      provider: 'ram_role_arn/static_ak',
    });
  }, 60_000);

  it('without the CA the same call fails on certificate validation', async () => {
    const config = {
      type: 'access_key',
      accessKeyId: h.boot.admin.accessKeyId,
      accessKeySecret: h.boot.admin.accessKeySecret,
    };
    const r = await child({ config, endpoint: h.host }, childEnv({}));
    expect(r.error).toMatch(/certificate|self[- ]signed|UNABLE_TO_VERIFY/i);
  }, 60_000);

  it('environment variables from eval "$(resdir env)" (the default chain)', async () => {
    const env = childEnv({});
    const r = await child({}, env, `eval "$('${process.execPath}' '${BIN}' env --data-dir '${h.dataDir}')"`);
    expect(r).toEqual({
      directoryId: h.boot.resourceDirectoryId,
      arn: h.boot.admin.principal,
      provider: 'default/env',
    });
  }, 60_000);

  it('the CLI profile written by resdir profile, and a RamRoleArn profile beside it', async () => {
    const env = childEnv({ NODE_EXTRA_CA_CERTS: caPath });
    const file = path.join(env.HOME!, '.aliyun', 'config.json');
    await run(process.execPath, [BIN, 'profile', '--data-dir', h.dataDir, '--path', file], { env, timeout: 20_000 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const viaProfile = await child({ endpoint: h.host }, env);
    expect(viaProfile).toEqual({
      directoryId: h.boot.resourceDirectoryId,
      arn: h.boot.admin.principal,
      provider: 'default/cli_profile',
    });

    const conf = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: object[] };
    conf.profiles.push({
      name: 'operator',
      mode: 'RamRoleArn',
      access_key_id: assumer.accessKeyId,
      access_key_secret: assumer.accessKeySecret,
      ram_role_arn: roleArn(),
      ram_session_name: 'profile-role',
      sts_endpoint: h.host,
      expired_seconds: 900,
    });
    fs.writeFileSync(file, JSON.stringify(conf));
    const viaRole = await child({ endpoint: h.host }, { ...env, ALIBABA_CLOUD_PROFILE: 'operator' });
    expect(viaRole).toMatchObject({
      directoryId: h.boot.resourceDirectoryId,
      arn: `acs:ram::${uid}:assumed-role/rd-operator/profile-role`,
    });
  }, 60_000);
});
