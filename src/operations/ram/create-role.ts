import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { DescriptionParam, DocumentParam, PARAM_ERRORS, RAM_VERSIONS, RoleNameParam, ramArn } from './params.js';
import { roleView } from './views.js';

/** Creates a role whose trust policy (AssumeRolePolicyDocument) says who may assume it. */
export default defineOperation({
  product: 'Ram',
  action: 'CreateRole',
  versions: RAM_VERSIONS,
  officialParams: {
    '2015-05-01': ['AssumeRolePolicyDocument', 'Description', 'MaxSessionDuration', 'RoleName', 'Tag'],
  },
  ramAction: 'ram:CreateRole',
  resource: (r) => ramArn(r.principal.accountId, 'role', r.input.RoleName),
  input: Type.Object({
    RoleName: RoleNameParam,
    AssumeRolePolicyDocument: DocumentParam,
    Description: Type.Optional(DescriptionParam),
    MaxSessionDuration: Type.Optional(
      Type.String({ pattern: '^[0-9]{4,5}$', description: 'Seconds, 3600 to 43200 (default 3600).' }),
    ),
  }),
  paramErrors: { RoleName: PARAM_ERRORS.RoleName, MaxSessionDuration: PARAM_ERRORS.MaxSessionDuration },
  errors: ['EntityAlreadyExists.Role', 'MalformedPolicyDocument', 'InvalidParameter.MaxSessionDuration'],
  async handler(ctx, input) {
    const max = input.MaxSessionDuration === undefined ? undefined : Number(input.MaxSessionDuration);
    if (max !== undefined && (max < 3600 || max > 43200))
      return { ok: false, error: { code: 'InvalidParameter.MaxSessionDuration' } };
    const r = await ctx.services.identity.roles.create(ctx.principal.accountId, {
      name: input.RoleName,
      trustPolicy: input.AssumeRolePolicyDocument,
      ...(input.Description !== undefined ? { description: input.Description } : {}),
      ...(max !== undefined ? { maxSessionDuration: max } : {}),
    });
    return r.ok ? ok({ Role: roleView(r.value, true) }) : r;
  },
});
