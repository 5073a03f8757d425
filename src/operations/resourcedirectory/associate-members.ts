import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  bindingView,
  CONTACT_PARAM_ERRORS,
  contactArn,
  ContactIdParam,
  MembersParam,
} from './message-contact-params.js';

/**
 * Binds an Active message contact to the resource directory, folders or member accounts
 * (Members.N, 1 to 20 IDs). Repeated IDs count once; an existing binding is kept as it is (its
 * ModifyDate too); at most 100 bindings per contact. Answers one Members entry per ID.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'AssociateMembers',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:AssociateMembers',
  officialParams: { '2022-04-19': ['ContactId', 'Members'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam, Members: MembersParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.MessageContact',
    'InvalidStatus.MessageContact',
    'InvalidStatus.MessageContact.NotActive',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'EntityNotExists.Account',
    'LimitExceeded.MessageContact.Member',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.messageContactMembers.associate(dir.value, input.ContactId, input.Members);
    if (!done.ok) return done;
    return ok({ Members: done.value.map(bindingView) });
  },
});
