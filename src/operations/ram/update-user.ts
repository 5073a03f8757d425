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

/** Renames a user or changes its profile; a rename keeps its keys, policies and groups. */
export default defineOperation({
  product: 'Ram',
  action: 'UpdateUser',
  versions: RAM_VERSIONS,
  officialParams: {
    '2015-05-01': ['NewComments', 'NewDisplayName', 'NewEmail', 'NewMobilePhone', 'NewUserName', 'UserName'],
  },
  ramAction: 'ram:UpdateUser',
  resource: (r) => ramArn(r.principal.accountId, 'user', r.input.UserName),
  input: Type.Object({
    UserName: UserNameParam,
    NewUserName: Type.Optional(UserNameParam),
    NewDisplayName: Type.Optional(DisplayNameParam),
    NewComments: Type.Optional(CommentsParam),
    NewEmail: Type.Optional(EmailParam),
    NewMobilePhone: Type.Optional(MobilePhoneParam),
  }),
  paramErrors: {
    UserName: PARAM_ERRORS.UserName,
    NewUserName: PARAM_ERRORS.NewUserName,
    NewDisplayName: PARAM_ERRORS.NewDisplayName,
  },
  errors: ['EntityNotExist.User', 'EntityAlreadyExists.User'],
  async handler(ctx, input) {
    const u = await ctx.services.identity.users.update(ctx.principal.accountId, input.UserName, {
      ...(input.NewUserName !== undefined ? { name: input.NewUserName } : {}),
      ...(input.NewDisplayName !== undefined ? { display_name: input.NewDisplayName } : {}),
      ...(input.NewComments !== undefined ? { comments: input.NewComments } : {}),
      ...(input.NewEmail !== undefined ? { email: input.NewEmail } : {}),
      ...(input.NewMobilePhone !== undefined ? { mobile_phone: input.NewMobilePhone } : {}),
    });
    return u.ok ? ok({ User: userView(u.value) }) : u;
  },
});
