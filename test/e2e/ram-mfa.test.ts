/**
 * RAM virtual MFA devices and the security preference through the official @alicloud/ram20150501
 * SDK (ACS3 and V1 signatures): create with a Base32 seed and a QR code, bind with two consecutive
 * TOTP codes, GetUserMFAInfo, unbind, delete; the preference's defaults, changes and enforcement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepOf, totpAt } from '../../src/domain/ram/totp.js';
import { ramClient, ramModels as M } from '../support/clients.js';
import { dumpTables } from '../support/db-rows.js';
import { type Harness, startResdir } from '../support/harness.js';
import { addRamUser } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let root: ReturnType<typeof ramClient>;
beforeAll(async () => {
  h = await startResdir(
    process.env.RESDIR_TEST_DATABASE === 'postgres'
      ? {}
      : { env: { RESDIR_DATABASE_URL: `sqlite:${process.env.TMPDIR ?? '/tmp'}/resdir-mfa-${process.pid}.db` } },
  );
  root = ramClient(h.host, h.boot.root);
});
afterAll(() => h.close());

const codes = (seed: string): [string, string] => {
  const now = stepOf(Date.now());
  return [totpAt(seed, now - 1), totpAt(seed, now)];
};

describe('virtual MFA devices', () => {
  it('create, bind with two consecutive codes, read, unbind, delete; the seed is never stored in clear', async () => {
    const user = await addRamUser(h, { name: 'mfa-user' });
    const made = await root.createVirtualMFADevice(
      new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'dev1' }),
    );
    const d = made.body.virtualMFADevice!;
    expect(d.serialNumber).toBe(`acs:ram::${h.boot.managementAccountId}:mfa/dev1`);
    expect(d.base32StringSeed).toMatch(/^[A-Z2-7]{64}$/);
    const png = Buffer.from(d.QRCodePNG!, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    await refusedWith(
      root.createVirtualMFADevice(new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'dev1' })),
      'EntityAlreadyExists.VirtualMFADevice',
      409,
    );
    const listed = await root.listVirtualMFADevices();
    expect(listed.body.virtualMFADevices?.virtualMFADevice).toEqual([{ serialNumber: d.serialNumber }]);

    const seed = d.base32StringSeed!;
    const [c1, c2] = codes(seed);
    const bind = (a: string, b: string, userName = 'mfa-user') =>
      root.bindMFADevice(
        new M.BindMFADeviceRequest({
          serialNumber: d.serialNumber,
          userName,
          authenticationCode1: a,
          authenticationCode2: b,
        }),
      );
    await refusedWith(bind(c2, c1), 'InvalidParameter.AuthenticationCode', 400);
    await refusedWith(bind('000000', '000000'), 'InvalidParameter.AuthenticationCode', 400);
    await refusedWith(bind('12345', c2), 'InvalidParameter.AuthenticationCode', 400);
    await refusedWith(bind(c1, c2, 'ghost'), 'EntityNotExist.User', 404);
    await refusedWith(
      root.getUserMFAInfo(new M.GetUserMFAInfoRequest({ userName: 'mfa-user' })),
      'EntityNotExist.User.MFADevice',
      404,
    );
    await bind(c1, c2);
    const info = await root.getUserMFAInfo(new M.GetUserMFAInfoRequest({ userName: 'mfa-user' }));
    expect(info.body.MFADevice).toEqual({ serialNumber: d.serialNumber, type: 'VMFA' });
    const after = await root.listVirtualMFADevices();
    expect(after.body.virtualMFADevices?.virtualMFADevice?.[0]).toMatchObject({
      serialNumber: d.serialNumber,
      activateDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      user: { userName: 'mfa-user', userId: expect.any(String), displayName: 'mfa-user' },
    });
    // A second device for the same user, and the bound device for another user, are refused.
    const other = await root.createVirtualMFADevice(
      new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'dev2' }),
    );
    const [o1, o2] = codes(other.body.virtualMFADevice!.base32StringSeed!);
    await refusedWith(
      root.bindMFADevice(
        new M.BindMFADeviceRequest({
          serialNumber: other.body.virtualMFADevice!.serialNumber,
          userName: 'mfa-user',
          authenticationCode1: o1,
          authenticationCode2: o2,
        }),
      ),
      'EntityAlreadyExists.User.MFADevice',
      409,
    );
    await addRamUser(h, { name: 'mfa-user-2' });
    await refusedWith(bind(c1, c2, 'mfa-user-2'), 'EntityAlreadyExists.User.MFADevice', 409);
    await refusedWith(
      root.deleteVirtualMFADevice(new M.DeleteVirtualMFADeviceRequest({ serialNumber: d.serialNumber })),
      'DeleteConflict.VirtualMFADevice.User',
      409,
    );
    const unbound = await root.unbindMFADevice(new M.UnbindMFADeviceRequest({ userName: 'mfa-user' }));
    expect(unbound.body.MFADevice?.serialNumber).toBe(d.serialNumber);
    await refusedWith(
      root.unbindMFADevice(new M.UnbindMFADeviceRequest({ userName: 'mfa-user' })),
      'EntityNotExist.User.MFADevice',
      404,
    );
    await root.deleteVirtualMFADevice(new M.DeleteVirtualMFADeviceRequest({ serialNumber: d.serialNumber }));
    await refusedWith(
      root.deleteVirtualMFADevice(new M.DeleteVirtualMFADeviceRequest({ serialNumber: d.serialNumber })),
      'EntityNotExist.VirtualMFADevice',
      404,
    );
    const everything = JSON.stringify(await dumpTables(h.app.settings.databaseUrl)) + h.logs.join('');
    expect(everything).not.toContain(seed);
    expect(everything).not.toContain(other.body.virtualMFADevice!.base32StringSeed!);
    expect(user.userName).toBe('mfa-user');
  });

  it('invalid names and serial numbers; another account does not see the device', async () => {
    await refusedWith(
      root.createVirtualMFADevice(new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'bad name' })),
      'InvalidParameter.VirtualMFADeviceName',
      400,
    );
    await refusedWith(
      root.deleteVirtualMFADevice(new M.DeleteVirtualMFADeviceRequest({ serialNumber: 'dev1' })),
      'InvalidParameter.SerialNumber',
      400,
    );
    await refusedWith(
      root.deleteVirtualMFADevice(
        new M.DeleteVirtualMFADeviceRequest({ serialNumber: 'acs:ram::1111111111111111:mfa/dev2' }),
      ),
      'EntityNotExist.VirtualMFADevice',
      404,
    );
  });

  it('a RAM user manages its own device without a policy while AllowUserToManageMFADevices holds', async () => {
    const self = await addRamUser(h, { name: 'self-mfa' });
    const client = ramClient(h.host, self, 'v2');
    const made = await client.createVirtualMFADevice(
      new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'self-dev' }),
    );
    const [c1, c2] = codes(made.body.virtualMFADevice!.base32StringSeed!);
    await client.bindMFADevice(
      new M.BindMFADeviceRequest({
        serialNumber: made.body.virtualMFADevice!.serialNumber,
        userName: 'self-mfa',
        authenticationCode1: c1,
        authenticationCode2: c2,
      }),
    );
    expect(
      (await client.getUserMFAInfo(new M.GetUserMFAInfoRequest({ userName: 'self-mfa' }))).body.MFADevice,
    ).toBeDefined();
    // Not someone else's, and not the account's list.
    await refusedWith(
      client.getUserMFAInfo(new M.GetUserMFAInfoRequest({ userName: 'mfa-user' })),
      'NoPermission',
      403,
    );
    await refusedWith(client.listVirtualMFADevices(), 'NoPermission', 403);
    await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToManageMFADevices: false }));
    await refusedWith(
      client.unbindMFADevice(new M.UnbindMFADeviceRequest({ userName: 'self-mfa' })),
      'NoPermission',
      403,
    );
    await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToManageMFADevices: true }));
    await client.unbindMFADevice(new M.UnbindMFADeviceRequest({ userName: 'self-mfa' }));
  });

  it('concurrent binds of one device to two users: exactly one wins', async () => {
    await addRamUser(h, { name: 'race-a' });
    await addRamUser(h, { name: 'race-b' });
    const made = await root.createVirtualMFADevice(
      new M.CreateVirtualMFADeviceRequest({ virtualMFADeviceName: 'race' }),
    );
    const [c1, c2] = codes(made.body.virtualMFADevice!.base32StringSeed!);
    const results = await Promise.allSettled(
      ['race-a', 'race-b', 'race-a', 'race-b'].map((userName) =>
        root.bindMFADevice(
          new M.BindMFADeviceRequest({
            serialNumber: made.body.virtualMFADevice!.serialNumber,
            userName,
            authenticationCode1: c1,
            authenticationCode2: c2,
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect((r.reason as { code: string }).code).toBe('EntityAlreadyExists.User.MFADevice');
    }
  });
});

describe('security preference', () => {
  it('defaults, partial updates, validation', async () => {
    const other = await addRamUser(h, { name: 'pref-reader', policies: ['AliyunRAMFullAccess'] });
    const fresh = await ramClient(h.host, other, 'v2').getSecurityPreference();
    expect(fresh.body.securityPreference).toMatchObject({
      accessKeyPreference: { allowUserToManageAccessKeys: false },
      loginProfilePreference: { allowUserToChangePassword: true, loginSessionDuration: 6, enableSaveMFATicket: false },
      MFAPreference: { allowUserToManageMFADevices: true },
      publicKeyPreference: { allowUserToManagePublicKeys: false },
    });
    const set = await root.setSecurityPreference(
      new M.SetSecurityPreferenceRequest({ loginSessionDuration: 12, loginNetworkMasks: '10.0.0.0/8;192.168.0.0/16' }),
    );
    expect(set.body.securityPreference?.loginProfilePreference).toMatchObject({
      loginSessionDuration: 12,
      loginNetworkMasks: '10.0.0.0/8;192.168.0.0/16',
      allowUserToChangePassword: true,
    });
    await refusedWith(
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ loginSessionDuration: 25 })),
      'InvalidParameter.LoginSessionDuration',
      400,
    );
    await refusedWith(
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ loginNetworkMasks: '10.0.0.0/33' })),
      'InvalidParameter.LoginNetworkMasks',
      400,
    );
    await refusedWith(
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ loginNetworkMasks: 'not-an-ip' })),
      'InvalidParameter.LoginNetworkMasks',
      400,
    );
  });

  it('concurrent changes of different settings are all kept', async () => {
    await Promise.all([
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ enableSaveMFATicket: true })),
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToManagePublicKeys: true })),
      root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ loginSessionDuration: 3 })),
    ]);
    const p = (await root.getSecurityPreference()).body.securityPreference;
    expect(p?.loginProfilePreference).toMatchObject({ enableSaveMFATicket: true, loginSessionDuration: 3 });
    expect(p?.publicKeyPreference?.allowUserToManagePublicKeys).toBe(true);
    await root.setSecurityPreference(
      new M.SetSecurityPreferenceRequest({ enableSaveMFATicket: false, allowUserToManagePublicKeys: false }),
    );
  });

  it('AllowUserToChangePassword=false stops ChangePassword', async () => {
    await addRamUser(h, { name: 'pw-user' }).then(async (u) => {
      await root.createLoginProfile(
        new M.CreateLoginProfileRequest({ userName: 'pw-user', password: 'First-Pass-11' }),
      );
      await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToChangePassword: false }));
      const self = ramClient(h.host, u);
      const change = () =>
        self.changePassword(
          new M.ChangePasswordRequest({ oldPassword: 'First-Pass-11', newPassword: 'Second-Pass-22' }),
        );
      await refusedWith(change(), 'NoPermission', 403);
      await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToChangePassword: true }));
      await change();
    });
  });

  it('AllowUserToManageAccessKeys lets a RAM user manage its own keys without a policy', async () => {
    const u = await addRamUser(h, { name: 'key-owner' });
    const self = ramClient(h.host, u);
    await refusedWith(self.listAccessKeys(new M.ListAccessKeysRequest({})), 'NoPermission', 403);
    await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: true }));
    const listed = await self.listAccessKeys(new M.ListAccessKeysRequest({}));
    expect(listed.body.accessKeys?.accessKey?.map((k: { accessKeyId?: string }) => k.accessKeyId)).toEqual([
      u.accessKeyId,
    ]);
    const made = await self.createAccessKey(new M.CreateAccessKeyRequest({}));
    await self.deleteAccessKey(new M.DeleteAccessKeyRequest({ userAccessKeyId: made.body.accessKey!.accessKeyId }));
    // Only its own: another user's keys still need a policy.
    await refusedWith(self.listAccessKeys(new M.ListAccessKeysRequest({ userName: 'pw-user' })), 'NoPermission', 403);
    await root.setSecurityPreference(new M.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: false }));
    await refusedWith(self.createAccessKey(new M.CreateAccessKeyRequest({})), 'NoPermission', 403);
  });
});

describe('audit', () => {
  it('changes and refusals of the new operations are on record, without seeds or codes', async () => {
    const look = async (action: string) =>
      h.app.store.auditLog.lookup({
        callerAccountId: h.boot.managementAccountId,
        startTime: 0,
        endTime: Date.now() + 60_000,
        action,
        limit: 50,
      });
    for (const action of [
      'CreateVirtualMFADevice',
      'BindMFADevice',
      'UnbindMFADevice',
      'DeleteVirtualMFADevice',
      'SetSecurityPreference',
      'GetSecurityPreference',
    ]) {
      const rows = await look(action);
      expect(rows.length, action).toBeGreaterThan(0);
      expect(
        rows.some((r) => r.result_code === 'OK'),
        action,
      ).toBe(true);
    }
    expect((await look('BindMFADevice')).some((r) => r.result_code === 'InvalidParameter.AuthenticationCode')).toBe(
      true,
    );
  });
});
