import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  CONTACT_PARAM_ERRORS,
  contactArn,
  ContactIdParam,
  contactPhone,
  EmailAddressParam,
  PhoneNumberParam,
} from './message-contact-params.js';

/**
 * Cancels the pending change of the e-mail address and/or phone number UpdateMessageContact made:
 * each given value must be the contact's current, unverified one, and the last verified value
 * comes back (verified). With neither given, every pending change that can be cancelled is.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CancelMessageContactUpdate',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:CancelMessageContactUpdate',
  officialParams: { '2022-04-19': ['ContactId', 'EmailAddress', 'PhoneNumber'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({
    ContactId: ContactIdParam,
    EmailAddress: Type.Optional(EmailAddressParam),
    PhoneNumber: Type.Optional(PhoneNumberParam),
  }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.PhoneNumber',
    'EntityNotExists.MessageContact',
    'InvalidStatus.MessageContact',
    'EntityNotMatch.MessageContact.EmailAddress',
    'EntityNotMatch.MessageContact.PhoneNumber',
    'InvalidStatus.MessageContact.NoPendingUpdate',
  ],
  async handler(ctx, input) {
    const phone = contactPhone(input.PhoneNumber);
    if (!phone.ok) return phone;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.messageContacts.cancelUpdate(dir.value, input.ContactId, {
      ...(input.EmailAddress !== undefined ? { emailAddress: input.EmailAddress } : {}),
      ...(input.PhoneNumber !== undefined ? { phoneNumber: input.PhoneNumber } : {}),
    });
    if (!done.ok) return done;
    return ok({});
  },
});
