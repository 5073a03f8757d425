import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import {
  CommentsParam,
  DisplayNameParam,
  EmailParam,
  MobilePhoneParam,
  PARAM_ERRORS,
  RAM_VERSIONS,
  UserNameParam,
  ramArn,
} from './params.js';
import { userView } from './views.js';

/** Creates a RAM user in the caller's account. */
export default defineOperation({
  product: 'Ram',
  action: 'CreateUser',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['Comments', 'DisplayName', 'Email', 'MobilePhone', 'UserName'] },
  ramAction: 'ram:CreateUser',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({
    UserName: UserNameParam,
    DisplayName: Type.Optional(DisplayNameParam),
    Comments: Type.Optional(CommentsParam),
    Email: Type.Optional(EmailParam),
    MobilePhone: Type.Optional(MobilePhoneParam),
  }),
  paramErrors: { UserName: PARAM_ERRORS.UserName, DisplayName: PARAM_ERRORS.DisplayName },
  errors: ['EntityAlreadyExists.User'],
  async handler(ctx, input) {
    const u = await ctx.services.identity.users.create(ctx.principal.accountId, {
      name: input.UserName,
      ...(input.DisplayName !== undefined ? { displayName: input.DisplayName } : {}),
      ...(input.Comments !== undefined ? { comments: input.Comments } : {}),
      ...(input.Email !== undefined ? { email: input.Email } : {}),
      ...(input.MobilePhone !== undefined ? { mobilePhone: input.MobilePhone } : {}),
    });
    return u.ok ? ok({ User: userView(u.value) }) : u;
  },
});
