import { Type } from '@sinclair/typebox';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { failure } from '../../errors/catalog.js';
import { DescriptionParam, DocumentParam, PARAM_ERRORS, RAM_VERSIONS, RoleNameParam, ramArn } from './params.js';
import { roleView } from './views.js';

/** Changes a role's trust policy, description or maximum session duration. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdateRole',
  versions: RAM_VERSIONS,
  officialParams: {
    '2015-05-01': ['NewAssumeRolePolicyDocument', 'NewDescription', 'NewMaxSessionDuration', 'RoleName'],
  },
  ramAction: 'ram:UpdateRole',
  resource: (r) => ramArn(r.principal.accountId, 'role', r.input.RoleName),
  input: Type.Object({
    RoleName: RoleNameParam,
    NewAssumeRolePolicyDocument: Type.Optional(DocumentParam),
    NewDescription: Type.Optional(DescriptionParam),
    NewMaxSessionDuration: Type.Optional(
      Type.String({ pattern: '^[0-9]{4,5}$', description: 'Seconds, 3600 to 43200.' }),
    ),
  }),
  paramErrors: { RoleName: PARAM_ERRORS.RoleName, NewMaxSessionDuration: PARAM_ERRORS.MaxSessionDuration },
  errors: ['EntityNotExist.Role', 'MalformedPolicyDocument', 'InvalidParameter.MaxSessionDuration'],
  async handler(ctx, input) {
    const max = input.NewMaxSessionDuration === undefined ? undefined : Number(input.NewMaxSessionDuration);
    if (max !== undefined && (max < 3600 || max > 43200)) return err(failure('InvalidParameter.MaxSessionDuration'));
    const r = await ctx.services.identity.roles.update(ctx.principal.accountId, input.RoleName, {
      ...(input.NewAssumeRolePolicyDocument !== undefined ? { trustPolicy: input.NewAssumeRolePolicyDocument } : {}),
      ...(input.NewDescription !== undefined ? { description: input.NewDescription } : {}),
      ...(max !== undefined ? { maxSessionDuration: max } : {}),
    });
    return r.ok ? ok({ Role: roleView(r.value, true) }) : r;
  },
});
