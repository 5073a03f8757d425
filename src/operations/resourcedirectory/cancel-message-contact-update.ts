import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
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
 * comes back (verified). At least one of EmailAddress and PhoneNumber is required.
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
    'MissingParameter.EmailAddress',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.PhoneNumber',
    'EntityNotExists.MessageContact',
    'InvalidStatus.MessageContact',
    'EntityNotMatch.MessageContact.EmailAddress',
    'EntityNotMatch.MessageContact.PhoneNumber',
    'InvalidStatus.MessageContact.NoPendingUpdate',
  ],
  async handler(ctx, input) {
    if (input.EmailAddress === undefined && input.PhoneNumber === undefined) {
      return err(
        failure('MissingParameter.EmailAddress', 'Give EmailAddress, PhoneNumber or both: the changes to cancel.'),
      );
    }
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
