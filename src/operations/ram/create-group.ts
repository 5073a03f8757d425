import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { CommentsParam, GroupNameParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { groupView } from './views.js';

/** Creates a group; policies attached to it apply to its users. */
export default defineOperation({
  product: 'Ram',
  action: 'CreateGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Comments', 'GroupName'] },
  ramAction: 'ram:CreateGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({ GroupName: GroupNameParam, Comments: Type.Optional(CommentsParam) }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName },
  errors: ['EntityAlreadyExists.Group'],
  async handler(ctx, input) {
    const g = await ctx.services.identity.groups.create(ctx.principal.accountId, input.GroupName, input.Comments ?? '');
    return g.ok ? ok({ Group: groupView(g.value) }) : g;
  },
});
