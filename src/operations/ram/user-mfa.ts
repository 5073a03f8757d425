/** BindMFADevice, UnbindMFADevice, GetUserMFAInfo: the MFA device of a RAM user. */
import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { AuthenticationCodeParam, MFA_PARAM_ERRORS, SerialNumberParam } from './mfa-params.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam, ramArn } from './params.js';

const ownName = (r: { principal: { name: string | null }; input: { UserName: string } }) =>
  r.input.UserName === r.principal.name;

export const bindMFADevice = defineOperation({
  product: 'Ram',
  action: 'BindMFADevice',
  versions: RAM_VERSIONS,
  ramAction: 'ram:BindMFADevice',
  officialParams: { '2015-05-01': ['AuthenticationCode1', 'AuthenticationCode2', 'SerialNumber', 'UserName'] },
  selfService: 'AllowUserToManageMFADevices',
  targetsSelf: ownName,
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({
    SerialNumber: SerialNumberParam,
    UserName: UserNameParam,
    AuthenticationCode1: AuthenticationCodeParam,
    AuthenticationCode2: AuthenticationCodeParam,
  }),
  paramErrors: {
    SerialNumber: MFA_PARAM_ERRORS.SerialNumber,
    UserName: PARAM_ERRORS.UserName,
    AuthenticationCode1: MFA_PARAM_ERRORS.AuthenticationCode,
    AuthenticationCode2: MFA_PARAM_ERRORS.AuthenticationCode,
  },
  errors: [
    'EntityNotExist.User',
    'EntityNotExist.VirtualMFADevice',
    'EntityAlreadyExists.User.MFADevice',
    'InvalidParameter.AuthenticationCode',
  ],
  async handler(ctx, input) {
    const r = await ctx.services.identity.mfa.bind(
      ctx.principal.accountId,
      input.UserName,
      input.SerialNumber,
      input.AuthenticationCode1,
      input.AuthenticationCode2,
    );
    return r.ok ? ok({}) : r;
  },
});

export const unbindMFADevice = defineOperation({
  product: 'Ram',
  action: 'UnbindMFADevice',
  versions: RAM_VERSIONS,
  ramAction: 'ram:UnbindMFADevice',
  officialParams: { '2015-05-01': ['UserName'] },
  selfService: 'AllowUserToManageMFADevices',
  targetsSelf: ownName,
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.MFADevice'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.mfa.unbind(ctx.principal.accountId, input.UserName);
    return r.ok ? ok({ MFADevice: { SerialNumber: r.value.serial_number } }) : r;
  },
});

export const getUserMFAInfo = defineOperation({
  product: 'Ram',
  action: 'GetUserMFAInfo',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:GetUserMFAInfo',
  officialParams: { '2015-05-01': ['UserName'] },
  selfService: 'AllowUserToManageMFADevices',
  targetsSelf: ownName,
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.MFADevice'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.mfa.ofUser(ctx.principal.accountId, input.UserName);
    return r.ok ? ok({ MFADevice: { SerialNumber: r.value.serial_number, Type: 'VMFA' } }) : r;
  },
});
