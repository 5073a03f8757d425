import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam, ramArn } from './params.js';
import { userView } from './views.js';

/** One RAM user of the caller's account. */
export default defineOperation({
  product: 'Ram',
  action: 'GetUser',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  readOnly: true,
  ramAction: 'ram:GetUser',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User'],
  async handler(ctx, input) {
    const u = await ctx.services.identity.users.get(ctx.principal.accountId, input.UserName);
    return u.ok ? ok({ User: { ...userView(u.value), LastLoginDate: '' } }) : u;
  },
});
