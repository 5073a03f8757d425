/**
 * The per-identity daily send limit counts the stable identity, not the ARN text: renaming a RAM
 * user (UpdateUser NewUserName) and naming new role sessions do not start a fresh count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, ramClient, ramModels as R, stsClient, stsModels as S, type Creds } from '../support/clients.js';
import { addRamUser, addResourceAccountMember } from '../support/principals.js';

const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const MID_HOUR = Math.floor(Date.now() / 3_600_000) * 3_600_000 + 1_800_000;
const LIMIT = 3;

let h: Harness;
let phone = 2025550600;
beforeAll(async () => {
  h = await startResdir({
    clock: new ManualClock(MID_HOUR),
    settings: {
      signatureWindowSeconds: 3600,
      maxSendsPerPrincipalPerDay: LIMIT,
      maxSendsPerPhonePerHour: 0,
      maxSendsPerPhonePerDay: 0,
      maxSendsPerPrefixPerHour: 0,
      breakerMinSends: 0,
    },
  });
});
afterAll(() => h.close());

/** One Send for a fresh member and number: 'OK' or the refusal's audit detail. */
async function send(creds: Creds): Promise<string> {
  const member = await addResourceAccountMember(h);
  try {
    await coreClient(h.host, creds).call(SEND, { AccountId: member, SecureMobilePhone: `1-${++phone}` });
    return 'OK';
  } catch (e) {
    const rows = (await h.app.store.audit.recent(1000)).filter(
      (r) => r.action === SEND && r.target_account_id === member,
    );
    return rows[0]?.detail ?? (e as { data?: { Code?: string } }).data?.Code ?? 'transport';
  }
}

describe('the per-identity daily send limit', () => {
  it('renaming the user does not reset its count', async () => {
    const u = await addRamUser(h, { name: 'sender-a', policies: ['AliyunResourceDirectoryFullAccess'] });
    expect(await send(u)).toBe('OK');
    expect(await send(u)).toBe('OK');
    await ramClient(h.host, h.boot.root).updateUser(
      new R.UpdateUserRequest({ userName: 'sender-a', newUserName: 'sender-b' }),
    );
    expect(await send(u)).toBe('OK');
    expect(await send(u)).toBe('limit:principal-day');
    await ramClient(h.host, h.boot.root).updateUser(
      new R.UpdateUserRequest({ userName: 'sender-b', newUserName: 'sender-c' }),
    );
    expect(await send(u)).toBe('limit:principal-day');
  });

  it('new role session names do not reset the role count', async () => {
    const uid = h.boot.managementAccountId;
    const root = ramClient(h.host, h.boot.root);
    const trust = JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [uid] } }],
    });
    await root.createRole(new R.CreateRoleRequest({ roleName: 'sender', assumeRolePolicyDocument: trust }));
    await root.attachPolicyToRole(
      new R.AttachPolicyToRoleRequest({
        roleName: 'sender',
        policyType: 'System',
        policyName: 'AliyunResourceDirectoryFullAccess',
      }),
    );
    const caller = await addRamUser(h, { name: 'role-taker', policies: ['AliyunSTSAssumeRoleAccess'] });
    const session = async (name: string): Promise<Creds> => {
      const c = (
        await stsClient(h.host, caller).assumeRole(
          new S.AssumeRoleRequest({ roleArn: `acs:ram::${uid}:role/sender`, roleSessionName: name }),
        )
      ).body.credentials;
      return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
    };
    expect(await send(await session('one'))).toBe('OK');
    expect(await send(await session('two'))).toBe('OK');
    expect(await send(await session('three'))).toBe('OK');
    expect(await send(await session('four'))).toBe('limit:principal-day');
    // Every further session of the role is the same identity.
    expect(await send(await session('five'))).toBe('limit:principal-day');
  });
});
