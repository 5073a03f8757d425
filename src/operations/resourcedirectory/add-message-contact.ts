import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  allContactsArn,
  CONTACT_PARAM_ERRORS,
  ContactNameParam,
  contactPhone,
  contactView,
  EmailAddressParam,
  MessageTypesParam,
  PhoneNumberParam,
  TitleParam,
} from './message-contact-params.js';

/** Adds a message contact to the caller's directory; it is Verifying until its e-mail and phone are verified. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'AddMessageContact',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:AddMessageContact',
  officialParams: { '2022-04-19': ['EmailAddress', 'MessageTypes', 'Name', 'PhoneNumber', 'Title'] },
  resource: allContactsArn,
  callerRule: 'management-account',
  input: Type.Object({
    Name: ContactNameParam,
    EmailAddress: EmailAddressParam,
    PhoneNumber: PhoneNumberParam,
    Title: TitleParam,
    MessageTypes: MessageTypesParam,
  }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.MobileCountryCode', 'InvalidParameter.PhoneNumber'],
  async handler(ctx, input) {
    const phone = contactPhone(input.PhoneNumber);
    if (!phone.ok) return phone;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const c = await ctx.services.messageContacts.add(dir.value, {
      name: input.Name,
      emailAddress: input.EmailAddress,
      phoneNumber: input.PhoneNumber,
      title: input.Title,
      messageTypes: input.MessageTypes,
    });
    const view = contactView({ row: c, members: [] });
    return ok({ Contact: { ContactId: view.ContactId, CreateDate: view.CreateDate } });
  },
});
