import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PAGING_ERRORS } from './folder-params.js';
import { PageNumberParam, PageSizeParam } from './params.js';
import {
  allContactsArn,
  CONTACT_PARAM_ERRORS,
  ContactIdParam,
  contactView,
  MemberParam,
} from './message-contact-params.js';

/**
 * The message contacts of the caller's directory, oldest first, by PageNumber and PageSize (1–100,
 * default 10), as the official request model has them; ContactId keeps that one contact, Member the
 * contacts bound to that member or folder.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListMessageContacts',
  versions: ['2022-04-19'],
  readOnly: true,
  ramAction: 'resourcemanager:ListMessageContacts',
  officialParams: { '2022-04-19': ['ContactId', 'Member', 'PageNumber', 'PageSize'] },
  resource: allContactsArn,
  callerRule: 'management-account',
  input: Type.Object({
    ContactId: Type.Optional(ContactIdParam),
    Member: Type.Optional(MemberParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { ...CONTACT_PARAM_ERRORS, ...PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const all = await ctx.services.messageContacts.list(dir.value, {
      ...(input.ContactId !== undefined ? { contactId: input.ContactId } : {}),
      ...(input.Member !== undefined ? { member: input.Member } : {}),
    });
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return ok({ Contacts: page.map(contactView), TotalCount: all.length, PageNumber: pageNumber, PageSize: pageSize });
  },
});
