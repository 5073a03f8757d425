/** GetAccountAlias, SetAccountAlias and ClearAccountAlias: the account's RAM sign-in alias. */
import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { LOGIN_PARAM_ERRORS } from './login-params.js';
import { RAM_VERSIONS } from './params.js';

const accountArn = (uid: string): string => `acs:ram::${uid}:*`;

export const getAccountAlias = defineOperation({
  product: 'Ram',
  action: 'GetAccountAlias',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': [] },
  readOnly: true,
  ramAction: 'ram:GetAccountAlias',
  resource: (r) => accountArn(r.principal.accountId),
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    return ok({ AccountAlias: await ctx.services.identity.logins.alias(ctx.principal.accountId) });
  },
});

export const setAccountAlias = defineOperation({
  product: 'Ram',
  action: 'SetAccountAlias',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['AccountAlias'] },
  ramAction: 'ram:SetAccountAlias',
  resource: (r) => accountArn(r.principal.accountId),
  input: Type.Object({
    AccountAlias: Type.String({
      pattern: '^[a-z0-9](?:[a-z0-9-]{1,30})[a-z0-9]$',
      description: '3 to 32 lowercase letters, digits and hyphens, not starting or ending with a hyphen.',
    }),
  }),
  paramErrors: { AccountAlias: LOGIN_PARAM_ERRORS.AccountAlias },
  errors: ['EntityAlreadyExists.AccountAlias'],
  async handler(ctx, input) {
    const r = await ctx.services.identity.logins.setAlias(ctx.principal.accountId, input.AccountAlias);
    return r.ok ? ok({}) : r;
  },
});

export const clearAccountAlias = defineOperation({
  product: 'Ram',
  action: 'ClearAccountAlias',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': [] },
  ramAction: 'ram:ClearAccountAlias',
  resource: (r) => accountArn(r.principal.accountId),
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    const r = await ctx.services.identity.logins.setAlias(ctx.principal.accountId, null);
    return r.ok ? ok({}) : r;
  },
});
