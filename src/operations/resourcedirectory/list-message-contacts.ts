import { Type } from '@sinclair/typebox';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  allContactsArn,
  CONTACT_PARAM_ERRORS,
  ContactIdParam,
  contactView,
  MemberParam,
} from './message-contact-params.js';

const token = (offset: number): string => Buffer.from(`mc:${offset}`).toString('base64url');
const offsetOf = (t: string): number | undefined => {
  const m = /^mc:([0-9]{1,6})$/.exec(Buffer.from(t, 'base64url').toString());
  return m ? Number(m[1]) : undefined;
};

/**
 * The message contacts of the caller's directory, oldest first, by MaxResults (1–100, default 10)
 * and NextToken; ContactId keeps that one contact, Member the contacts bound to that member or folder.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListMessageContacts',
  versions: ['2022-04-19'],
  readOnly: true,
  ramAction: 'resourcemanager:ListMessageContacts',
  officialParams: { '2022-04-19': ['ContactId', 'MaxResults', 'Member', 'NextToken'] },
  resource: allContactsArn,
  callerRule: 'management-account',
  input: Type.Object({
    ContactId: Type.Optional(ContactIdParam),
    Member: Type.Optional(MemberParam),
    MaxResults: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$', description: 'Specify an integer from 1 to 100.' }),
    ),
    NextToken: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Pass the NextToken of the previous page.' }),
    ),
  }),
  paramErrors: {
    ...CONTACT_PARAM_ERRORS,
    MaxResults: { missing: 'InvalidParameter.MaxResults', invalid: 'InvalidParameter.MaxResults' },
    NextToken: { missing: 'InvalidParameter.NextToken', invalid: 'InvalidParameter.NextToken' },
  },
  errors: ['ResourceDirectoryNotInUse', 'InvalidParameter.NextToken'],
  async handler(ctx, input) {
    const offset = input.NextToken === undefined ? 0 : offsetOf(input.NextToken);
    if (offset === undefined) return err(failure('InvalidParameter.NextToken'));
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const all = await ctx.services.messageContacts.list(dir.value, {
      ...(input.ContactId !== undefined ? { contactId: input.ContactId } : {}),
      ...(input.Member !== undefined ? { member: input.Member } : {}),
    });
    const max = Number(input.MaxResults ?? '10');
    const page = all.slice(offset, offset + max);
    const next = offset + max < all.length ? token(offset + max) : '';
    return ok({ Contacts: page.map(contactView), NextToken: next });
  },
});
