import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { CONTACT_PARAM_ERRORS, contactArn, ContactIdParam, contactView } from './message-contact-params.js';

/** One message contact of the caller's directory, with its status, message types and members. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetMessageContact',
  versions: ['2022-04-19'],
  readOnly: true,
  ramAction: 'resourcemanager:GetMessageContact',
  officialParams: { '2022-04-19': ['ContactId'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.MessageContact'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const c = await ctx.services.messageContacts.getWithMembers(dir.value, input.ContactId);
    if (!c.ok) return c;
    return ok({ Contact: contactView(c.value) });
  },
});
