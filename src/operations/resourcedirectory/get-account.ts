import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { memberDetail } from './member-views.js';
import { IncludeTagsParam } from './tag-params.js';

/**
 * One member of the caller's directory (its tags with IncludeTags=true); 2022-04-19 adds
 * HasSecureMobilePhone. EmailStatus is WAIT_MODIFY while an e-mail change waits for its
 * confirmation, CANCELLED or EXPIRED after one ended so, and empty otherwise.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetAccount',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetAccount',
  officialParams: {
    '2020-03-31': ['AccountId', 'IncludeTags'],
    '2022-04-19': ['AccountId', 'IncludeTags'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-or-self',
  input: Type.Object({
    AccountId: AccountIdParam,
    IncludeTags: Type.Optional(IncludeTagsParam),
  }),
  paramErrors: { AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' } },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Account', 'NotSupport.AccountInAnotherResourceDirectory'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.visibleTo(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const path = await ctx.services.directory.pathOf(dir.value, member.value);
    const { mail } = ctx.services.lifecycle;
    const emailStatus = mail.emailStatus(await mail.lastChange(input.AccountId));
    const tags =
      input.IncludeTags === 'true'
        ? (await ctx.services.tags.tagsOf('Account', [input.AccountId])).get(input.AccountId)
        : [];
    return ok({ Account: memberDetail(member.value, path, ctx.version, emailStatus, tags) });
  },
});
