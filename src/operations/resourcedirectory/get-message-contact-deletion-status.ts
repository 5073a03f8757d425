import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { CONTACT_PARAM_ERRORS, contactArn, ContactIdParam } from './message-contact-params.js';

/** How a started contact deletion goes: Deleting, then Success once the contact is gone. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetMessageContactDeletionStatus',
  versions: ['2022-04-19'],
  readOnly: true,
  ramAction: 'resourcemanager:GetMessageContactDeletionStatus',
  officialParams: { '2022-04-19': ['ContactId'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.MessageContact'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const status = await ctx.services.messageContacts.deletionStatus(dir.value, input.ContactId);
    if (!status.ok) return status;
    return ok({
      ContactDeletionStatus: { ContactId: input.ContactId, Status: status.value, FailReasonList: [] },
    });
  },
});
