import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  CONTACT_PARAM_ERRORS,
  contactArn,
  ContactIdParam,
  ContactNameParam,
  contactPhone,
  EmailAddressParam,
  MessageTypesParam,
  PhoneNumberParam,
  TitleParam,
} from './message-contact-params.js';

/**
 * Changes the given fields of a message contact; a new e-mail address or phone number must be
 * verified again (the contact is Verifying until both are).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UpdateMessageContact',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:UpdateMessageContact',
  officialParams: { '2022-04-19': ['ContactId', 'EmailAddress', 'MessageTypes', 'Name', 'PhoneNumber', 'Title'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({
    ContactId: ContactIdParam,
    Name: Type.Optional(ContactNameParam),
    EmailAddress: Type.Optional(EmailAddressParam),
    PhoneNumber: Type.Optional(PhoneNumberParam),
    Title: Type.Optional(TitleParam),
    MessageTypes: Type.Optional(MessageTypesParam),
  }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.MessageContact',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.PhoneNumber',
    'InvalidStatus.MessageContact',
  ],
  async handler(ctx, input) {
    const phone = contactPhone(input.PhoneNumber);
    if (!phone.ok) return phone;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.messageContacts.update(dir.value, input.ContactId, {
      ...(input.Name !== undefined ? { name: input.Name } : {}),
      ...(input.EmailAddress !== undefined ? { emailAddress: input.EmailAddress } : {}),
      ...(input.PhoneNumber !== undefined ? { phoneNumber: input.PhoneNumber } : {}),
      ...(input.Title !== undefined ? { title: input.Title } : {}),
      ...(input.MessageTypes !== undefined ? { messageTypes: input.MessageTypes } : {}),
    });
    if (!done.ok) return done;
    return ok({});
  },
});
