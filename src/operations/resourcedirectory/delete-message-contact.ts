import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { CONTACT_PARAM_ERRORS, contactArn, ContactIdParam } from './message-contact-params.js';

/**
 * Starts deleting a message contact: it is Deleting for a short while (setting
 * message-contact-deletion-seconds), then gone. Refused while it is bound to members or folders.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DeleteMessageContact',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:DeleteMessageContact',
  officialParams: { '2022-04-19': ['ContactId'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.MessageContact', 'DeleteConflict.MessageContact.Member'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.messageContacts.delete(dir.value, input.ContactId);
    if (!done.ok) return done;
    return ok({});
  },
});
