import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { CONTACT_PARAM_ERRORS, contactArn, ContactIdParam, EmailAddressParam } from './message-contact-params.js';

/**
 * Sends a verification code to the contact's pending e-mail address (EmailAddress must be it):
 * resdir sends no mail, it writes the message to the development mail inbox (GET /_resdir/mail).
 * Send limits as for SMS codes. The recipient confirms it through POST /_resdir/message-contacts/verify.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendEmailVerificationForMessageContact',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:SendEmailVerificationForMessageContact',
  officialParams: { '2022-04-19': ['ContactId', 'EmailAddress'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam, EmailAddress: EmailAddressParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.MessageContact',
    'InvalidStatus.MessageContact',
    'EntityNotMatch.MessageContact.EmailAddress',
    'InvalidStatus.MessageContact.Verified',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const sent = await ctx.services.messageContactCodes.sendEmail(
      dir.value,
      input.ContactId,
      input.EmailAddress,
      ctx.audit,
    );
    if (!sent.ok) return sent;
    return ok({});
  },
});
