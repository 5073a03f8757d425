import type { Operation } from '../define.js';
import addMessageContact from './add-message-contact.js';
import getMessageContact from './get-message-contact.js';
import updateMessageContact from './update-message-contact.js';
import deleteMessageContact from './delete-message-contact.js';
import getMessageContactDeletionStatus from './get-message-contact-deletion-status.js';
import listMessageContacts from './list-message-contacts.js';
import sendPhoneVerificationForMessageContact from './send-phone-verification-for-message-contact.js';
import sendEmailVerificationForMessageContact from './send-email-verification-for-message-contact.js';
import listMessageContactVerifications from './list-message-contact-verifications.js';
import cancelMessageContactUpdate from './cancel-message-contact-update.js';
import { associateMembers, disassociateMembers } from './member-binding-operations.js';

/** The message-contact operations of Resource Directory (2022-04-19 only). */
export const messageContactOperations: readonly Operation[] = [
  addMessageContact,
  getMessageContact,
  updateMessageContact,
  deleteMessageContact,
  getMessageContactDeletionStatus,
  listMessageContacts,
  sendPhoneVerificationForMessageContact,
  sendEmailVerificationForMessageContact,
  listMessageContactVerifications,
  cancelMessageContactUpdate,
  associateMembers,
  disassociateMembers,
];
