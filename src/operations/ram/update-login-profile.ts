import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { FlagParam, flag, LOGIN_PARAM_ERRORS, PasswordParam } from './login-params.js';
import { PARAM_ERRORS, RAM_VERSIONS, ramArn, UserNameParam } from './params.js';

/** Changes a RAM user's console password (checked against the policy) or its flags. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdateLoginProfile',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['MFABindRequired', 'Password', 'PasswordResetRequired', 'UserName'] },
  ramAction: 'ram:UpdateLoginProfile',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({
    UserName: UserNameParam,
    Password: Type.Optional(PasswordParam),
    PasswordResetRequired: Type.Optional(FlagParam),
    MFABindRequired: Type.Optional(FlagParam),
  }),
  paramErrors: { UserName: PARAM_ERRORS.UserName, Password: LOGIN_PARAM_ERRORS.Password },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.LoginProfile', 'InvalidParameter.Password'],
  async handler(ctx, input) {
    const flags = {
      ...(input.PasswordResetRequired !== undefined
        ? { passwordResetRequired: flag(input.PasswordResetRequired) }
        : {}),
      ...(input.MFABindRequired !== undefined ? { mfaBindRequired: flag(input.MFABindRequired) } : {}),
    };
    const r = await ctx.services.identity.logins.update(ctx.principal.accountId, input.UserName, input.Password, flags);
    return r.ok ? ok({}) : r;
  },
});
