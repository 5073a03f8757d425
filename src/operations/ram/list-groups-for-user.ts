import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { PARAM_ERRORS, RAM_VERSIONS, UserNameParam, ramArn } from './params.js';
import { ramDate } from './views.js';

/** The groups a user belongs to, with when it joined each. */
export default defineOperation({
  product: 'Ram',
  action: 'ListGroupsForUser',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['UserName'] },
  readOnly: true,
  ramAction: 'ram:ListGroupsForUser',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({ UserName: UserNameParam }),
  paramErrors: { UserName: PARAM_ERRORS.UserName },
  errors: ['EntityNotExist.User'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.groups.ofUser(ctx.principal.accountId, input.UserName);
    if (!r.ok) return r;
    const groups = r.value.map(({ group, joinedAt }) => ({
      GroupId: group.id,
      GroupName: group.name,
      Comments: group.comments,
      JoinDate: ramDate(joinedAt),
    }));
    return ok({ Groups: { Group: groups } });
  },
});
