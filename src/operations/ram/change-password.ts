import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { LOGIN_PARAM_ERRORS, PasswordParam } from './login-params.js';
import { RAM_VERSIONS, ramArn } from './params.js';

/**
 * A RAM user changes its own console password. Any RAM user may (no policy needed); other callers
 * have no login profile of their own.
 */
export default defineOperation({
  product: 'Ram',
  action: 'ChangePassword',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['NewPassword', 'OldPassword'] },
  ramAction: 'ram:ChangePassword',
  authorization: 'any-authenticated',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.principal.name ?? undefined),
  input: Type.Object({ OldPassword: PasswordParam, NewPassword: PasswordParam }),
  paramErrors: { OldPassword: LOGIN_PARAM_ERRORS.OldPassword, NewPassword: LOGIN_PARAM_ERRORS.NewPassword },
  errors: ['EntityNotExist.User.LoginProfile', 'InvalidParameter.OldPassword', 'InvalidParameter.Password'],
  async handler(ctx, input) {
    const p = ctx.principal;
    if (p.kind !== 'user' || !p.name) {
      return err(failure('EntityNotExist.User.LoginProfile', 'Only a RAM user has a console password to change.'));
    }
    const preference = await ctx.services.identity.securityPreference.get(p.accountId);
    if (!preference.AllowUserToChangePassword) {
      return err(failure('NoPermission', "The account's security preference does not let RAM users change passwords."));
    }
    const r = await ctx.services.identity.logins.changeOwn(p.accountId, p.name, input.OldPassword, input.NewPassword);
    return r.ok ? ok({}) : r;
  },
});
