/**
 * Error codes of the 2022-04-19 message-contact operations (part of ERROR_CATALOG). Alibaba
 * documents few of them; the others follow its naming (see docs/decisions.md, "Message contacts").
 */
import type { CatalogEntry } from './catalog-entry.js';

export const MESSAGE_CONTACT_CODES = {
  'MissingParameter.ContactId': { status: 400, message: 'The ContactId parameter is required.' },
  'InvalidParameter.ContactId': {
    status: 400,
    message: 'The ContactId parameter is invalid: use a contact ID such as c-qL4HqKONzOM7abcd.',
  },
  'EntityNotExists.MessageContact': { status: 404, message: 'The specified message contact does not exist.' },
  'MissingParameter.ContactName': { status: 400, message: 'The Name parameter is required.' },
  'InvalidParameter.ContactName': {
    status: 400,
    message: 'The Name parameter is invalid: use 1 to 64 characters, without control characters.',
  },
  'MissingParameter.EmailAddress': { status: 400, message: 'The EmailAddress parameter is required.' },
  'InvalidParameter.EmailAddress': {
    status: 400,
    message: 'The EmailAddress parameter is invalid: use an e-mail address of at most 128 characters.',
  },
  'MissingParameter.PhoneNumber': { status: 400, message: 'The PhoneNumber parameter is required.' },
  'InvalidParameter.PhoneNumber': {
    status: 400,
    message: 'The PhoneNumber parameter is invalid: use <country code>-<number>, such as 86-13900001234.',
  },
  'MissingParameter.Title': { status: 400, message: 'The Title parameter is required.' },
  'InvalidParameter.Title': {
    status: 400,
    message:
      'The Title parameter is invalid: use FinanceDirector, TechnicalDirector, MaintenanceDirector, CEO, ' +
      'ProjectDirector or Other.',
  },
  'MissingParameter.MessageTypes': { status: 400, message: 'The MessageTypes.N parameter is required.' },
  'InvalidParameter.MessageTypes': {
    status: 400,
    message: 'The MessageTypes.N parameter is invalid: use 1 to 20 message type names of letters and digits.',
  },
  'InvalidParameter.Member': {
    status: 400,
    message:
      'The Member parameter is invalid: use a 16-digit account ID, a folder ID (r-…, fd-…) or the directory ID (rd-…).',
  },
  'DeleteConflict.MessageContact.Member': {
    status: 409,
    message: 'The message contact is still bound to members or folders; unbind it first.',
  },
  'InvalidStatus.MessageContact': {
    status: 409,
    message: 'The message contact is being deleted.',
  },
  'InvalidStatus.MessageContact.NotActive': {
    status: 409,
    message: 'The message contact is not Active: verify its e-mail address and phone number first.',
  },
  'InvalidStatus.MessageContact.Verified': {
    status: 409,
    message: 'The e-mail address or phone number of the message contact is already verified.',
  },
  'InvalidStatus.MessageContact.NoPendingUpdate': {
    status: 409,
    message: 'No change of this e-mail address or phone number of the message contact is pending.',
  },
  'EntityNotMatch.MessageContact.EmailAddress': {
    status: 400,
    message: 'The EmailAddress is not the e-mail address of the message contact.',
  },
  'EntityNotMatch.MessageContact.PhoneNumber': {
    status: 400,
    message: 'The PhoneNumber is not the phone number of the message contact.',
  },
  'MissingParameter.Members': { status: 400, message: 'The Members.N parameter is required.' },
  'InvalidParameter.Members': {
    status: 400,
    message:
      'The Members.N parameter is invalid: give 1 to 20 IDs of the resource directory (rd-…), folders ' +
      '(r-…, fd-…) or member accounts (16 digits).',
  },
  'LimitExceeded.MessageContact.Member': {
    status: 409,
    message: 'A message contact can be associated with at most 100 members, folders and directories.',
  },
} as const satisfies Record<string, CatalogEntry>;
