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
 * Unbinds a message contact from the resource directory, folders or member accounts (Members.N,
 * 1 to 20 IDs). An object of the directory that is not bound is no error; an ID that is neither
 * bound nor an object of the directory is. Answers one Members entry per ID, dated now.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DisassociateMembers',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:DisassociateMembers',
  officialParams: { '2022-04-19': ['ContactId', 'Members'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam, Members: MembersParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.MessageContact',
    'EntityNotExists.ResourceDirectory',
    'EntityNotExists.Folder',
    'EntityNotExists.Account',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.messageContactMembers.disassociate(dir.value, input.ContactId, input.Members);
    if (!done.ok) return done;
    return ok({ Members: done.value.map(bindingView) });
  },
});
