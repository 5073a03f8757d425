import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { GroupNameParam, MarkerParam, MaxItemsParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { page, ramDate } from './views.js';

/** The users of a group by name, with when each joined, in pages. */
export default defineOperation({
  product: 'Ram',
  action: 'ListUsersForGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['GroupName', 'Marker', 'MaxItems'] },
  readOnly: true,
  ramAction: 'ram:ListUsersForGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({
    GroupName: GroupNameParam,
    Marker: Type.Optional(MarkerParam),
    MaxItems: Type.Optional(MaxItemsParam),
  }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName, Marker: PARAM_ERRORS.Marker, MaxItems: PARAM_ERRORS.MaxItems },
  errors: ['EntityNotExist.Group', 'InvalidParameter.Marker'],
  async handler(ctx, input) {
    const members = await ctx.services.identity.groups.members(ctx.principal.accountId, input.GroupName);
    if (!members.ok) return members;
    const p = page(members.value, input.Marker, input.MaxItems);
    if (!p.ok) return p;
    const { items, ...rest } = p.value;
    const users = items.map((u) => ({
      UserName: u.userName,
      DisplayName: u.displayName,
      JoinDate: ramDate(u.joinedAt),
    }));
    return ok({ Users: { User: users }, ...rest });
  },
});
