/**
 * The follow-ups of a member's pending e-mail change, in both API versions:
 * - RetryChangeAccountEmail sends the confirmation mail of a pending (or expired) change again;
 *   the confirmation time starts over.
 * - CancelChangeAccountEmail cancels it: GetAccount then shows EmailStatus CANCELLED.
 */
import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, type Operation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_LOOKUP_ERRORS } from './deletion-common.js';

function followUp(action: string, step: 'retryChangeEmail' | 'cancelChangeEmail'): Operation {
  return defineOperation({
    product: 'ResourceManager',
    action,
    versions: RD_VERSIONS,
    officialParams: { '2020-03-31': ['AccountId'], '2022-04-19': ['AccountId'] },
    ramAction: `resourcemanager:${action}`,
    resource: () => '*',
    resolveResource: memberAccountArn,
    input: Type.Object({ AccountId: AccountIdParam }),
    paramErrors: ACCOUNT_ID_ERRORS,
    errors: [...MEMBER_LOOKUP_ERRORS, 'EntityNotExists.EmailModifyRecord'],
    async handler(ctx, input) {
      const dir = await ctx.services.directory.managedBy(ctx.principal);
      if (!dir.ok) return dir;
      const member = await ctx.services.directory.memberOf(dir.value, input.AccountId);
      if (!member.ok) return member;
      const r = await ctx.services.lifecycle.mail[step](member.value.account_id);
      return r.ok ? ok({}) : r;
    },
  });
}

export const retryChangeAccountEmail = followUp('RetryChangeAccountEmail', 'retryChangeEmail');
export const cancelChangeAccountEmail = followUp('CancelChangeAccountEmail', 'cancelChangeEmail');
