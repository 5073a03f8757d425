/**
 * AssociateMembers and DisassociateMembers (2022-04-19 only): one shape, binding or unbinding a
 * message contact and the resource directory, folders or member accounts named by Members.N
 * (1 to 20 IDs). Each answers one Members entry per ID.
 * - Associate: the contact must be Active; repeated IDs count once; an existing binding is kept as
 *   it is (its ModifyDate too); at most 100 bindings per contact.
 * - Disassociate: an object of the directory that is not bound is no error; an ID that is neither
 *   bound nor an object of the directory is. Entries are dated now.
 */
import { Type } from '@sinclair/typebox';
import type { ErrorCode } from '../../errors/catalog.js';
import { ok } from '../../lib/result.js';
import { defineOperation, type Operation } from '../define.js';
import {
  bindingView,
  CONTACT_PARAM_ERRORS,
  contactArn,
  ContactIdParam,
  MembersParam,
} from './message-contact-params.js';

const COMMON_ERRORS: readonly ErrorCode[] = [
  'ResourceDirectoryNotInUse',
  'EntityNotExists.MessageContact',
  'EntityNotExists.ResourceDirectory',
  'EntityNotExists.Folder',
  'EntityNotExists.Account',
];

function bindingOperation(
  action: 'AssociateMembers' | 'DisassociateMembers',
  step: 'associate' | 'disassociate',
  errors: readonly ErrorCode[],
): Operation {
  return defineOperation({
    product: 'ResourceManager',
    action,
    versions: ['2022-04-19'],
    ramAction: `resourcemanager:${action}`,
    officialParams: { '2022-04-19': ['ContactId', 'Members'] },
    resource: contactArn,
    callerRule: 'management-account',
    input: Type.Object({ ContactId: ContactIdParam, Members: MembersParam }),
    paramErrors: CONTACT_PARAM_ERRORS,
    errors: [...COMMON_ERRORS, ...errors],
    async handler(ctx, input) {
      const dir = await ctx.services.directory.managedBy(ctx.principal);
      if (!dir.ok) return dir;
      const done = await ctx.services.messageContactMembers[step](dir.value, input.ContactId, input.Members);
      if (!done.ok) return done;
      return ok({ Members: done.value.map(bindingView) });
    },
  });
}

export const associateMembers = bindingOperation('AssociateMembers', 'associate', [
  'InvalidStatus.MessageContact',
  'InvalidStatus.MessageContact.NotActive',
  'LimitExceeded.MessageContact.Member',
]);
export const disassociateMembers = bindingOperation('DisassociateMembers', 'disassociate', []);
