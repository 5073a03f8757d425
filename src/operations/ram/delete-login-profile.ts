import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, ramArn, UserNameParam } from './params.js';

/** Removes a RAM user's console login. */
export default defineOperation({
  product: 'Ram',
  action: 'DeleteLoginProfile',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  ramAction: 'ram:DeleteLoginProfile',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'EntityNotExist.User.LoginProfile'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.logins.delete(ctx.principal.accountId, input.UserName);
    return r.ok ? ok({}) : r;
  },
});
