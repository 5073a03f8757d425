import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, RoleNameParam, ramArn } from './params.js';
import { roleView } from './views.js';

/** One role of the caller's account, with its trust policy. */
export default defineOperation({
  product: 'Ram',
  action: 'GetRole',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['RoleName'] },
  readOnly: true,
  ramAction: 'ram:GetRole',
  resource: (r) => ramArn(r.principal.accountId, 'role', r.input.RoleName),
  input: Type.Object({ RoleName: RoleNameParam }),
  paramErrors: { RoleName: PARAM_ERRORS.RoleName },
  errors: ['EntityNotExist.Role'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.roles.get(ctx.principal.accountId, input.RoleName);
    return r.ok ? ok({ Role: roleView(r.value, true) }) : r;
  },
});
