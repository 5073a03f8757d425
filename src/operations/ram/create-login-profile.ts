import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { FlagParam, flag, LOGIN_PARAM_ERRORS, loginProfileView, PasswordParam } from './login-params.js';
import { PARAM_ERRORS, RAM_VERSIONS, ramArn, UserNameParam } from './params.js';

/** Gives a RAM user a console password, checked against the account's password policy. */
export default defineOperation({
  product: 'Ram',
  action: 'CreateLoginProfile',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['MFABindRequired', 'Password', 'PasswordResetRequired', 'UserName'] },
  ramAction: 'ram:CreateLoginProfile',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({
    UserName: UserNameParam,
    Password: PasswordParam,
    PasswordResetRequired: Type.Optional(FlagParam),
    MFABindRequired: Type.Optional(FlagParam),
  }),
  paramErrors: { UserName: PARAM_ERRORS.UserName, Password: LOGIN_PARAM_ERRORS.Password },
  errors: ['EntityNotExist.User', 'EntityAlreadyExists.User.LoginProfile', 'InvalidParameter.Password'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.logins.create(ctx.principal.accountId, input.UserName, input.Password, {
      passwordResetRequired: flag(input.PasswordResetRequired) ?? false,
      mfaBindRequired: flag(input.MFABindRequired) ?? false,
    });
    return r.ok ? ok({ LoginProfile: loginProfileView(r.value.user, r.value.profile) }) : r;
  },
});
