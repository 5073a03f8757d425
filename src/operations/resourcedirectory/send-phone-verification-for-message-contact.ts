import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  CONTACT_PARAM_ERRORS,
  contactArn,
  ContactIdParam,
  contactPhone,
  PhoneNumberParam,
} from './message-contact-params.js';

/**
 * Sends a verification code by SMS to the contact's pending phone number (PhoneNumber must be
 * it), with the send limits of every verification code. The recipient confirms it through
 * POST /_resdir/message-contacts/verify; the code is never in an answer, a log or an audit record.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'SendPhoneVerificationForMessageContact',
  versions: ['2022-04-19'],
  ramAction: 'resourcemanager:SendPhoneVerificationForMessageContact',
  officialParams: { '2022-04-19': ['ContactId', 'PhoneNumber'] },
  resource: contactArn,
  callerRule: 'management-account',
  input: Type.Object({ ContactId: ContactIdParam, PhoneNumber: PhoneNumberParam }),
  paramErrors: CONTACT_PARAM_ERRORS,
  errors: [
    'ResourceDirectoryNotInUse',
    'EntityNotExists.MessageContact',
    'InvalidStatus.MessageContact',
    'InvalidParameter.MobileCountryCode',
    'InvalidParameter.PhoneNumber',
    'EntityNotMatch.MessageContact.PhoneNumber',
    'InvalidStatus.MessageContact.Verified',
    'SendValidateCodeExceedsLimitForAccount',
  ],
  auditsItself: true,
  async handler(ctx, input) {
    const phone = contactPhone(input.PhoneNumber);
    if (!phone.ok) return phone;
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const sent = await ctx.services.messageContactCodes.sendPhone(
      dir.value,
      input.ContactId,
      input.PhoneNumber,
      ctx.audit,
    );
    if (!sent.ok) return sent;
    return ok({});
  },
});
