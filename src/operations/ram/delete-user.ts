import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam, ramArn } from './params.js';

/** Deletes a user that has no AccessKeys, attached policies or group memberships left. */
export default defineOperation({
  product: 'Ram',
  action: 'DeleteUser',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  ramAction: 'ram:DeleteUser',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: [
    'EntityNotExist.User',
    'DeleteConflict.User.AccessKey',
    'DeleteConflict.User.Policy',
    'DeleteConflict.User.Group',
  ],
  async handler(ctx, input) {
    const r = await ctx.services.identity.users.delete(ctx.principal.accountId, input.UserName);
    return r.ok ? ok({}) : r;
  },
});
