/** Parameters and views shared by the login-profile, password and alias operations. */
import { Type } from '@sinclair/typebox';
import type { RamUser } from '../../store/ports.js';
import type { RamLoginProfile } from '../../store/ram-ports.js';
import type { ParamErrors } from '../define.js';
import { ramDate } from './views.js';

export const PasswordParam = Type.String({ minLength: 1, maxLength: 128, description: 'At most 128 characters.' });
export const FlagParam = Type.String({ pattern: '^(true|false)$', description: 'true or false.' });

const code = (invalid: ParamErrors['invalid']): ParamErrors => ({ missing: 'MissingParameter', invalid });
export const LOGIN_PARAM_ERRORS = {
  Password: code('InvalidParameter.Password'),
  NewPassword: code('InvalidParameter.Password'),
  OldPassword: code('InvalidParameter.OldPassword'),
  AccountAlias: code('InvalidParameter.AccountAlias'),
  PasswordPolicy: code('InvalidParameter.PasswordPolicy'),
} as const;

export const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'true');

export const loginProfileView = (user: RamUser, p: RamLoginProfile): Record<string, unknown> => ({
  UserName: user.name,
  PasswordResetRequired: p.password_reset_required === 1,
  MFABindRequired: p.mfa_bind_required === 1,
  CreateDate: ramDate(p.created_at),
  UpdateDate: ramDate(p.updated_at),
});
