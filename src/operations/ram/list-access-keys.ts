import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam } from './params.js';
import { keyOwner, keyOwnerArn } from './key-owner.js';
import { keyView } from './views.js';

/** The AccessKeys of a user (never their secrets). */
export default defineOperation({
  product: 'Ram',
  action: 'ListAccessKeys',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  readOnly: true,
  ramAction: 'ram:ListAccessKeys',
  selfService: 'AllowUserToManageAccessKeys',
  targetsSelf: (r) => r.input.UserName === undefined || r.input.UserName === r.principal.name,
  resource: (r) => keyOwnerArn(r.principal, r.input.UserName),
  input: Type.Object({ UserName: Type.Optional(UserNameParam) }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User', 'MissingParameter'],
  async handler(ctx, input) {
    const owner = keyOwner(ctx.principal, input.UserName);
    if (!owner.ok) return owner;
    const r = await ctx.services.identity.users.listKeys(ctx.principal.accountId, owner.value);
    return r.ok ? ok({ AccessKeys: { AccessKey: r.value.map(keyView) } }) : r;
  },
});
