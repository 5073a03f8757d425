import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { loginProfileView } from './login-params.js';
import { PARAM_ERRORS, RAM_VERSIONS, ramArn, UserNameParam } from './params.js';

/** A RAM user's login profile (never the password). */
export default defineOperation({
  product: 'Ram',
  action: 'GetLoginProfile',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  readOnly: true,
  ramAction: 'ram:GetLoginProfile',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.LoginProfile'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.logins.get(ctx.principal.accountId, input.UserName);
    return r.ok ? ok({ LoginProfile: loginProfileView(r.value.user, r.value.profile) }) : r;
  },
});
