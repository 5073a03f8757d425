import { Type } from '@sinclair/typebox';
import { roleArn } from '../../domain/ram/roles.js';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, PolicyNameParam, PolicyTypeParam, RAM_VERSIONS, ramArn } from './params.js';
import { ramDate } from './views.js';

/** The users, roles and groups a policy is attached to, with when. */
export default defineOperation({
  product: 'Ram',
  action: 'ListEntitiesForPolicy',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyName', 'PolicyType'] },
  readOnly: true,
  ramAction: 'ram:ListEntitiesForPolicy',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({ PolicyType: PolicyTypeParam, PolicyName: PolicyNameParam }),
  paramErrors: { PolicyType: PARAM_ERRORS.PolicyType, PolicyName: PARAM_ERRORS.PolicyName },
  errors: ['EntityNotExist.Policy'],
  async handler(ctx, input) {
    const type = input.PolicyType === 'System' ? 'System' : 'Custom';
    const r = await ctx.services.identity.policyVersions.entities(ctx.principal.accountId, type, input.PolicyName);
    if (!r.ok) return r;
    const { users, roles, groups } = r.value;
    return ok({
      Users: {
        User: users.map(({ user, attachedAt }) => ({
          UserId: user.id,
          UserName: user.name,
          DisplayName: user.display_name,
          AttachDate: ramDate(attachedAt),
        })),
      },
      Roles: {
        Role: roles.map(({ role, attachedAt }) => ({
          RoleId: role.id,
          RoleName: role.name,
          Arn: roleArn(role),
          Description: role.description,
          AttachDate: ramDate(attachedAt),
        })),
      },
      Groups: {
        Group: groups.map(({ group, attachedAt }) => ({
          GroupName: group.name,
          Comments: group.comments,
          AttachDate: ramDate(attachedAt),
        })),
      },
    });
  },
});
