import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, RoleNameParam, ramArn } from './params.js';

/** Deletes a role with no policies attached; its STS credentials stop working at once. */
export default defineOperation({
  product: 'Ram',
  action: 'DeleteRole',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['RoleName'] },
  ramAction: 'ram:DeleteRole',
  resource: (r) => ramArn(r.principal.accountId, 'role', r.input.RoleName),
  input: Type.Object({ RoleName: RoleNameParam }),
  paramErrors: { RoleName: PARAM_ERRORS.RoleName },
  errors: ['EntityNotExist.Role', 'DeleteConflict.Role.Policy'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.roles.delete(ctx.principal.accountId, input.RoleName);
    return r.ok ? ok({}) : r;
  },
});
