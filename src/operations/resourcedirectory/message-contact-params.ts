import { Type } from '@sinclair/typebox';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { ContactBinding } from '../../store/message-contact-ports.js';
import { type ContactWithMembers, messageTypesOf } from '../../domain/directory/message-contacts.js';
import type { ParamErrors, ResourceRequest } from '../define.js';

/** Parameter schemas and views shared by the message-contact operations (2022-04-19). */
export const ContactIdParam = Type.String({
  pattern: '^c-[A-Za-z0-9]{1,32}$',
  description: 'Specify the contact ID, such as c-qL4HqKONzOM7abcd.',
});
export const ContactNameParam = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[^\\u0000-\\u001f\\u007f]+$',
  description: 'Use 1 to 64 characters, without control characters.',
});
export const EmailAddressParam = Type.String({
  maxLength: 128,
  pattern: '^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$',
  description: 'Use an e-mail address of at most 128 characters, such as ops@example.com.',
});
export const PhoneNumberParam = Type.String({
  pattern: '^[0-9]{1,4}-[0-9]{4,15}$',
  description: 'Use <country code>-<number>; only 86- (mainland China) numbers are supported, such as 86-13900001234.',
});
export const TITLES = [
  'FinanceDirector',
  'TechnicalDirector',
  'MaintenanceDirector',
  'CEO',
  'ProjectDirector',
  'Other',
] as const;
export const TitleParam = Type.Union(
  TITLES.map((t) => Type.Literal(t)),
  { description: `Use one of ${TITLES.join(', ')}.` },
);
export const MessageTypesParam = Type.Array(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,63}$' }), {
  maxItems: 20,
  description: 'Give MessageTypes.N, N from 1 to 20: message type names of letters and digits.',
});
export const MemberParam = Type.String({
  pattern: '^([0-9]{16}|(rd|r|fd)-[A-Za-z0-9]{1,32})$',
  description: 'Use a 16-digit account ID, a folder ID or the resource directory ID.',
});
export const MembersParam = Type.Array(MemberParam, {
  minItems: 1,
  maxItems: 20,
  description: 'Give Members.N, N from 1 to 20: the resource directory ID, folder IDs or member account IDs.',
});

export const CONTACT_PARAM_ERRORS: Record<string, ParamErrors> = {
  ContactId: { missing: 'MissingParameter.ContactId', invalid: 'InvalidParameter.ContactId' },
  Name: { missing: 'MissingParameter.ContactName', invalid: 'InvalidParameter.ContactName' },
  EmailAddress: { missing: 'MissingParameter.EmailAddress', invalid: 'InvalidParameter.EmailAddress' },
  PhoneNumber: { missing: 'MissingParameter.PhoneNumber', invalid: 'InvalidParameter.PhoneNumber' },
  Title: { missing: 'MissingParameter.Title', invalid: 'InvalidParameter.Title' },
  MessageTypes: { missing: 'MissingParameter.MessageTypes', invalid: 'InvalidParameter.MessageTypes' },
  Member: { missing: 'InvalidParameter.Member', invalid: 'InvalidParameter.Member' },
  Members: { missing: 'MissingParameter.Members', invalid: 'InvalidParameter.Members' },
};

/**
 * A contact's phone must be a mainland China mobile number, 86-1 and ten digits (the docs accept
 * 86- only). Failures: InvalidParameter.MobileCountryCode for another country code,
 * InvalidParameter.PhoneNumber for an 86- number that is not a mobile number.
 */
export function contactPhone(phone: string | undefined): Result<void, ApiFailure> {
  if (phone === undefined) return ok(undefined);
  if (!phone.startsWith('86-')) {
    return err(failure('InvalidParameter.MobileCountryCode', 'Message contacts accept 86- phone numbers only.'));
  }
  if (!/^86-1[0-9]{10}$/.test(phone)) return err(failure('InvalidParameter.PhoneNumber'));
  return ok(undefined);
}

/** The contact's ARN: acs:resourcemanager::<caller uid>:messagecontact/<ContactId>. */
export const contactArn = (r: ResourceRequest<{ ContactId: string }>): string =>
  `acs:resourcemanager::${r.principal.accountId}:messagecontact/${r.input.ContactId}`;

/** Every contact of the caller's directory: acs:resourcemanager::<caller uid>:messagecontact/*. */
export const allContactsArn = (r: ResourceRequest<unknown>): string =>
  `acs:resourcemanager::${r.principal.accountId}:messagecontact/*`;

/** `YYYY-MM-DD hh:mm:ss` (UTC), the date form of the message-contact answers. */
export const wireDate = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

/** A binding as AssociateMembers and DisassociateMembers answer it. */
export const bindingView = (b: ContactBinding): Record<string, unknown> => ({
  ContactId: b.contact_id,
  MemberId: b.member_id,
  ModifyDate: wireDate(b.modified_at),
});

/** A contact as GetMessageContact and ListMessageContacts render it. */
export function contactView({ row: c, members }: ContactWithMembers): Record<string, unknown> {
  return {
    ContactId: c.contact_id,
    Name: c.name,
    EmailAddress: c.email_address,
    PhoneNumber: c.phone_number,
    Title: c.title,
    MessageTypes: messageTypesOf(c),
    Members: members,
    Status: c.status,
    CreateDate: wireDate(c.created_at),
  };
}
