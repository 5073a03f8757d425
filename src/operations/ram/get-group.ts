import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { GroupNameParam, PARAM_ERRORS, RAM_VERSIONS, ramArn } from './params.js';
import { groupView } from './views.js';

/** One RAM group of the caller's account. */
export default defineOperation({
  product: 'Ram',
  action: 'GetGroup',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['GroupName'] },
  readOnly: true,
  ramAction: 'ram:GetGroup',
  resource: (r) => ramArn(r.principal.accountId, 'group', r.input.GroupName),
  input: Type.Object({ GroupName: GroupNameParam }),
  paramErrors: { GroupName: PARAM_ERRORS.GroupName },
  errors: ['EntityNotExist.Group'],
  async handler(ctx, input) {
    const g = await ctx.services.identity.groups.get(ctx.principal.accountId, input.GroupName);
    return g.ok ? ok({ Group: groupView(g.value) }) : g;
  },
});
