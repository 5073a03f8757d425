import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';
import { EMAIL_ERRORS, EmailParam } from './mail-params.js';

/**
 * Starts changing a member's logon e-mail: a confirmation mail goes to the new address, and once
 * it is confirmed the address becomes the member's AccountName. GetAccount shows the change as
 * EmailStatus WAIT_MODIFY meanwhile.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ChangeAccountEmail',
  versions: RD_VERSIONS,
  officialParams: { '2020-03-31': ['AccountId', 'Email'], '2022-04-19': ['AccountId', 'Email'] },
  ramAction: 'resourcemanager:ChangeAccountEmail',
  resource: () => '*',
  resolveResource: memberAccountArn,
  input: Type.Object({ AccountId: AccountIdParam, Email: EmailParam }),
  paramErrors: { ...ACCOUNT_ID_ERRORS, Email: EMAIL_ERRORS },
  errors: [
    ...MEMBER_LOOKUP_ERRORS,
    'NotSupport.InvitedAccount',
    'AccountTypeOrStatusMismatch',
    'InvalidParameter.Email.AlreadyUsed',
    'NotSupportedOperation.Account.EmailModify',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
    if (!member.ok) return member;
    const r = await ctx.services.lifecycle.mail.changeEmail(
      dir.value.management_account_id,
      member.value,
      input.Email.toLowerCase(),
    );
    if (!r.ok) return r;
    return ok({});
  },
});
