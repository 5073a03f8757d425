/** CreateVirtualMFADevice, DeleteVirtualMFADevice, ListVirtualMFADevices: the account's virtual MFA devices. */
import { Type } from '@sinclair/typebox';
import { mfaSerial } from '../../domain/ram/mfa.js';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { qrCodePng } from '../../lib/qr-png.js';
import { RAM_VERSIONS } from './params.js';
import { ramDate } from './views.js';
import { MFA_PARAM_ERRORS, SerialNumberParam } from './mfa-params.js';

export const createVirtualMFADevice = defineOperation({
  product: 'Ram',
  action: 'CreateVirtualMFADevice',
  versions: RAM_VERSIONS,
  ramAction: 'ram:CreateVirtualMFADevice',
  officialParams: { '2015-05-01': ['VirtualMFADeviceName'] },
  selfService: 'AllowUserToManageMFADevices',
  targetsSelf: () => true,
  resource: (r) => mfaSerial(r.principal.accountId, r.input.VirtualMFADeviceName),
  input: Type.Object({
    VirtualMFADeviceName: Type.String({
      pattern: '^[A-Za-z0-9._-]{1,64}$',
      description: '1 to 64 letters, digits and . _ -',
    }),
  }),
  paramErrors: { VirtualMFADeviceName: MFA_PARAM_ERRORS.VirtualMFADeviceName },
  errors: ['EntityAlreadyExists.VirtualMFADevice'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.mfa.create(ctx.principal.accountId, input.VirtualMFADeviceName);
    if (!r.ok) return r;
    const alias = await ctx.services.identity.logins.alias(ctx.principal.accountId);
    const uri =
      `otpauth://totp/${encodeURIComponent(`${input.VirtualMFADeviceName}@${alias}`)}` +
      `?secret=${r.value.seed}&issuer=${encodeURIComponent('resdir RAM')}`;
    return ok({
      VirtualMFADevice: {
        SerialNumber: r.value.serial,
        Base32StringSeed: r.value.seed,
        QRCodePNG: qrCodePng(uri).toString('base64'),
      },
    });
  },
});

export const deleteVirtualMFADevice = defineOperation({
  product: 'Ram',
  action: 'DeleteVirtualMFADevice',
  versions: RAM_VERSIONS,
  ramAction: 'ram:DeleteVirtualMFADevice',
  officialParams: { '2015-05-01': ['SerialNumber'] },
  resource: (r) => r.input.SerialNumber,
  input: Type.Object({ SerialNumber: SerialNumberParam }),
  paramErrors: { SerialNumber: MFA_PARAM_ERRORS.SerialNumber },
  errors: ['EntityNotExist.VirtualMFADevice', 'DeleteConflict.VirtualMFADevice.User'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.mfa.delete(ctx.principal.accountId, input.SerialNumber);
    return r.ok ? ok({}) : r;
  },
});

export const listVirtualMFADevices = defineOperation({
  product: 'Ram',
  action: 'ListVirtualMFADevices',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:ListVirtualMFADevices',
  officialParams: { '2015-05-01': [] },
  resource: (r) => mfaSerial(r.principal.accountId, '*'),
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    const devices = await ctx.services.identity.mfa.list(ctx.principal.accountId);
    return ok({
      VirtualMFADevices: {
        VirtualMFADevice: devices.map(({ device, user }) => ({
          SerialNumber: device.serial_number,
          ...(user && device.activated_at !== null
            ? {
                ActivateDate: ramDate(device.activated_at),
                User: { UserId: user.id, UserName: user.name, DisplayName: user.display_name },
              }
            : {}),
        })),
      },
    });
  },
});
