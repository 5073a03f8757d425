/** Parameters shared by the MFA device operations. */
import { Type } from '@sinclair/typebox';
import type { ParamErrors } from '../define.js';

export const SerialNumberParam = Type.String({
  pattern: '^acs:ram::[0-9]{1,20}:mfa/[A-Za-z0-9._-]{1,64}$',
  description: 'acs:ram::<uid>:mfa/<name>.',
});
export const AuthenticationCodeParam = Type.String({ pattern: '^[0-9]{6}$', description: 'Six digits.' });

const code = (invalid: ParamErrors['invalid']): ParamErrors => ({ missing: 'MissingParameter', invalid });
export const MFA_PARAM_ERRORS = {
  VirtualMFADeviceName: code('InvalidParameter.VirtualMFADeviceName'),
  SerialNumber: code('InvalidParameter.SerialNumber'),
  AuthenticationCode: code('InvalidParameter.AuthenticationCode'),
} as const;
