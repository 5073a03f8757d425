/**
 * Runs a varied session (every client, successes and refusals) against a server on a SQLite file
 * (or a PostgreSQL database in the e2e-postgres project),
 * then scans every log line and every stored row outside the development inbox for any
 * verification code and any AccessKey secret. The inbox is the one place codes may be read back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox, startResdir, waitForSms, type Harness } from '../support/harness.js';
import { dumpTables, inspectableDatabaseUrl } from '../support/db-rows.js';
import {
  coreClient,
  popClient,
  productClient,
  ramClient,
  ramModels,
  rmModels,
  stsClient,
  stsModels,
} from '../support/clients.js';

let h: Harness;
let dbFile: string;
beforeAll(async () => {
  dbFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'resdir-scan-')), 'scan.db');
  const dbUrl = inspectableDatabaseUrl(dbFile);
  h = await startResdir({ env: { ...(dbUrl ? { RESDIR_DATABASE_URL: dbUrl } : {}), RESDIR_LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await h.close();
  fs.rmSync(path.dirname(dbFile), { recursive: true, force: true });
});

const standalone = (needle: string) => new RegExp(`(?<![0-9])${needle}(?![0-9])`);

/** Secrets made during the session through RAM and STS: AccessKey secrets, STS secrets and tokens. */
const issued: string[] = [];

async function identitySession(): Promise<void> {
  const ram = ramClient(h.host, h.boot.root);
  const swallow = (p: Promise<unknown>) => p.catch(() => undefined);
  await ram.createUser(new ramModels.CreateUserRequest({ userName: 'scan-user' }));
  await ram.attachPolicyToUser(
    new ramModels.AttachPolicyToUserRequest({
      userName: 'scan-user',
      policyType: 'System',
      policyName: 'AliyunSTSAssumeRoleAccess',
    }),
  );
  const key = (await ram.createAccessKey(new ramModels.CreateAccessKeyRequest({ userName: 'scan-user' }))).body
    .accessKey;
  issued.push(key.accessKeySecret);
  const trust = JSON.stringify({
    Version: '1',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { RAM: [`acs:ram::${h.boot.managementAccountId}:root`] },
      },
    ],
  });
  await ram.createRole(new ramModels.CreateRoleRequest({ roleName: 'scan-role', assumeRolePolicyDocument: trust }));
  await ram.attachPolicyToRole(
    new ramModels.AttachPolicyToRoleRequest({
      roleName: 'scan-role',
      policyType: 'System',
      policyName: 'AliyunResourceDirectoryFullAccess',
    }),
  );
  const userCreds = { accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret };
  for (const via of [undefined, 'v2'] as const) {
    const c = (
      await stsClient(h.host, userCreds, via).assumeRole(
        new stsModels.AssumeRoleRequest({
          roleArn: `acs:ram::${h.boot.managementAccountId}:role/scan-role`,
          roleSessionName: 'scan',
        }),
      )
    ).body.credentials;
    issued.push(c.accessKeySecret, c.securityToken);
    const sts = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
    await stsClient(h.host, sts, via).getCallerIdentity();
    await coreClient(h.host, sts).call('GetAccount', { AccountId: h.boot.member.accountId });
    await swallow(
      coreClient(h.host, { ...sts, securityToken: 'CAISforged' }).call('GetAccount', {
        AccountId: h.boot.member.accountId,
      }),
    );
    await swallow(
      productClient(h.host, sts, 'v2').getAccount(
        new rmModels.GetAccountRequest({ accountId: h.boot.member.accountId }),
      ),
    );
  }
}

async function session(): Promise<void> {
  const product = productClient(h.host, h.boot.admin);
  const v1 = productClient(h.host, h.boot.admin, 'v2');
  const core = coreClient(h.host, h.boot.admin);
  const pop = popClient(h.url, h.boot.admin);
  const swallow = (p: Promise<unknown>) => p.catch(() => undefined);

  // A member bound through the product SDK after wrong guesses and a resend.
  const phoneA = '1-2025550111';
  await product.sendVerificationCodeForBindSecureMobilePhone(
    new rmModels.SendVerificationCodeForBindSecureMobilePhoneRequest({
      accountId: h.boot.member.accountId,
      secureMobilePhone: phoneA,
    }),
  );
  const first = await waitForSms(h, phoneA);
  await swallow(
    core.call('BindSecureMobilePhone', {
      AccountId: h.boot.member.accountId,
      SecureMobilePhone: phoneA,
      VerificationCode: first.code === '000000' ? '111111' : '000000',
    }),
  );
  await swallow(
    core.call('BindSecureMobilePhone', {
      AccountId: h.boot.member.accountId,
      SecureMobilePhone: '1-2025550112',
      VerificationCode: first.code,
    }),
  );
  await v1.bindSecureMobilePhone(
    new rmModels.BindSecureMobilePhoneRequest({
      accountId: h.boot.member.accountId,
      secureMobilePhone: phoneA,
      verificationCode: first.code,
    }),
  );
  await swallow(
    pop.call(
      'BindSecureMobilePhone',
      { AccountId: h.boot.member.accountId, SecureMobilePhone: phoneA, VerificationCode: first.code },
      'POST',
    ),
  );

  // Another member: a superseded code, then the right one; refusals of every kind on the way.
  const created = await core.call('CreateResourceAccount', { DisplayName: 'scan member' });
  const memberB = (created.Account as Record<string, string>).AccountId!;
  const phoneB = '65-91234568';
  await pop.call('SendVerificationCodeForBindSecureMobilePhone', { AccountId: memberB, SecureMobilePhone: phoneB });
  const old = await waitForSms(h, phoneB);
  await swallow(
    pop.call('SendVerificationCodeForBindSecureMobilePhone', { AccountId: memberB, SecureMobilePhone: phoneB }),
  );
  await swallow(
    pop.call('SendVerificationCodeForBindSecureMobilePhone', {
      AccountId: memberB,
      SecureMobilePhone: '86-13900001234',
    }),
  );
  await swallow(
    pop.call('BindSecureMobilePhone', { AccountId: memberB, SecureMobilePhone: phoneB, VerificationCode: old.code }),
  );
  await swallow(
    productClient(h.host, h.boot.root).bindSecureMobilePhone(
      new rmModels.BindSecureMobilePhoneRequest({
        accountId: memberB,
        secureMobilePhone: phoneB,
        verificationCode: old.code,
      }),
    ),
  );
  await swallow(
    productClient(h.host, { ...h.boot.admin, accessKeySecret: 'wrong-secret' }).getAccount(
      new rmModels.GetAccountRequest({ accountId: memberB }),
    ),
  );

  // Defence tables: a ClientToken send and its replay, wrong guesses that stay counted
  // in the failure budget, a resend cooldown, and the audit trail read back through LookupEvents.
  const createdC = await core.call('CreateResourceAccount', { DisplayName: 'scan member c' });
  const memberC = (createdC.Account as Record<string, string>).AccountId!;
  const phoneC = '65-91234569';
  await core.call('SendVerificationCodeForBindSecureMobilePhone', {
    AccountId: memberC,
    SecureMobilePhone: phoneC,
    ClientToken: 'scan-token-1',
  });
  await core.call('SendVerificationCodeForBindSecureMobilePhone', {
    AccountId: memberC,
    SecureMobilePhone: phoneC,
    ClientToken: 'scan-token-1',
  });
  const c = await waitForSms(h, phoneC);
  await swallow(
    core.call('BindSecureMobilePhone', {
      AccountId: memberC,
      SecureMobilePhone: phoneC,
      VerificationCode: c.code === '222222' ? '333333' : '222222',
    }),
  );
  lookups.push(
    JSON.stringify(await coreClient(h.host, h.boot.root).call('LookupEvents', { MaxResults: '50' }, '2020-07-06')),
  );
}

const lookups: string[] = [];

describe('secrets never leak', () => {
  it('no verification code outside the inbox and no AccessKey secret, in logs or in the store', async () => {
    await session();
    await identitySession();
    // Let the outbox settle so every message is final before scanning.
    await new Promise((r) => setTimeout(r, 200));
    const codes = [...new Set((await inbox(h)).map((m) => m.code))];
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const secrets = [h.boot.root.accessKeySecret, h.boot.admin.accessKeySecret, ...issued];
    expect(issued.length).toBe(5);

    const logText = h.logs.join('');
    expect(logText.length).toBeGreaterThan(0);
    expect(logText).toContain('"action":"BindSecureMobilePhone"');

    const dumps = await dumpTables(h.app.settings.databaseUrl);
    const tables = Object.keys(dumps);
    expect(tables).toContain('audit_events');
    expect(tables).toContain('sms_outbox');
    expect(tables).toContain('sts_sessions');
    expect(tables).toContain('sms_attempts');
    expect(tables).toContain('sms_receipts');
    expect(dumps.audit_events).toContain('1-202****111');
    expect(dumps.sts_sessions).toContain('"access_key_id":"STS.'); // the scan sees the STS rows
    expect(dumps.audit_events).toContain(':assumed-role/scan-role/scan');
    for (const t of ['send_backoff', 'verification_failures', 'idempotency_records', 'breaker_trips'])
      expect(tables).toContain(t);
    for (const t of ['send_backoff', 'verification_failures', 'idempotency_records']) expect(dumps[t]).not.toBe('[]');
    expect(lookups).toHaveLength(1);
    expect(JSON.parse(dumps.sms_attempts!).length).toBeGreaterThanOrEqual(2);

    for (const code of codes) {
      expect(dumps.sms_inbox).toMatch(standalone(code)); // the scan can see codes where they are
      expect(logText).not.toMatch(standalone(code));
      for (const l of lookups) expect(l).not.toMatch(standalone(code));
      for (const [table, dump] of Object.entries(dumps)) {
        if (table === 'sms_inbox') continue;
        expect({ table, leaked: standalone(code).test(dump) }).toEqual({ table, leaked: false });
      }
    }
    for (const secret of secrets) {
      expect(logText).not.toContain(secret);
      for (const [table, dump] of Object.entries(dumps))
        expect({ table, leaked: dump.includes(secret) }).toEqual({ table, leaked: false });
    }
  });
});
