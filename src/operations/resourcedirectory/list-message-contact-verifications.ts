import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PAGING_ERRORS } from './folder-params.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import { allContactsArn, CONTACT_PARAM_ERRORS, ContactIdParam } from './message-contact-params.js';

/**
 * The verifications still pending in the caller's directory: one entry per unverified e-mail
 * address or phone number of a contact that is not being deleted (Target is the value), contacts
 * oldest first and the e-mail address before the phone number; ContactId keeps that contact's.
 * PageNumber and PageSize (1–100, default 10).
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListMessageContactVerifications',
  versions: ['2022-04-19'],
  readOnly: true,
  ramAction: 'resourcemanager:ListMessageContactVerifications',
  officialParams: { '2022-04-19': ['ContactId', 'PageNumber', 'PageSize'] },
  resource: allContactsArn,
  callerRule: 'management-account',
  input: Type.Object({
    ContactId: Type.Optional(ContactIdParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { ...CONTACT_PARAM_ERRORS, ...PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const contacts = await ctx.services.messageContacts.list(dir.value, {
      ...(input.ContactId !== undefined ? { contactId: input.ContactId } : {}),
    });
    const all = contacts
      .filter(({ row }) => row.status !== 'Deleting')
      .flatMap(({ row }) => [
        ...(row.email_verified === 0 ? [{ ContactId: row.contact_id, Target: row.email_address }] : []),
        ...(row.phone_verified === 0 ? [{ ContactId: row.contact_id, Target: row.phone_number }] : []),
      ]);
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    return ok({
      ContactVerifications: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
      TotalCount: all.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
    });
  },
});
