import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { CommentsParam, GroupNameParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { groupView } from './views.js';

/** Renames a group (its members and policies follow) and/or changes its comments. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdateGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['GroupName', 'NewComments', 'NewGroupName'] },
  ramAction: 'ram:UpdateGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({
    GroupName: GroupNameParam,
    NewGroupName: Type.Optional(GroupNameParam),
    NewComments: Type.Optional(CommentsParam),
  }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName, NewGroupName: PARAM_ERRORS.NewGroupName },
  errors: ['EntityNotExist.Group', 'EntityAlreadyExists.Group'],
  async handler(ctx, input) {
    const patch = {
      ...(input.NewGroupName !== undefined ? { name: input.NewGroupName } : {}),
      ...(input.NewComments !== undefined ? { comments: input.NewComments } : {}),
    };
    const g = await ctx.services.identity.groups.update(ctx.principal.accountId, input.GroupName, patch);
    return g.ok ? ok({ Group: groupView(g.value) }) : g;
  },
});
