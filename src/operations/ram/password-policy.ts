/** GetPasswordPolicy and SetPasswordPolicy: the account's policy for RAM users' console passwords. */
import { type Static, Type } from '@sinclair/typebox';
import { POLICY_RANGES, type PasswordPolicy } from '../../domain/ram/passwords.js';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { FlagParam, flag, LOGIN_PARAM_ERRORS } from './login-params.js';
import { RAM_VERSIONS } from './params.js';

const accountArn = (uid: string): string => `acs:ram::${uid}:*`;
const Num = Type.String({ pattern: '^[0-9]{1,4}$', description: 'A whole number.' });
const input = Type.Object({
  MinimumPasswordLength: Type.Optional(Num),
  RequireLowercaseCharacters: Type.Optional(FlagParam),
  RequireUppercaseCharacters: Type.Optional(FlagParam),
  RequireNumbers: Type.Optional(FlagParam),
  RequireSymbols: Type.Optional(FlagParam),
  HardExpiry: Type.Optional(FlagParam),
  MaxPasswordAge: Type.Optional(Num),
  PasswordReusePrevention: Type.Optional(Num),
  MaxLoginAttemps: Type.Optional(Num),
});
const e = LOGIN_PARAM_ERRORS.PasswordPolicy;

export const getPasswordPolicy = defineOperation({
  product: 'Ram',
  action: 'GetPasswordPolicy',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': [] },
  readOnly: true,
  ramAction: 'ram:GetPasswordPolicy',
  resource: (r) => accountArn(r.principal.accountId),
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    return ok({ PasswordPolicy: await ctx.services.identity.logins.passwordPolicy(ctx.principal.accountId) });
  },
});

export const setPasswordPolicy = defineOperation({
  product: 'Ram',
  action: 'SetPasswordPolicy',
  versions: RAM_VERSIONS,
  officialParams: {
    '2015-05-01': [
      'HardExpiry',
      'MaxLoginAttemps',
      'MaxPasswordAge',
      'MinimumPasswordLength',
      'PasswordReusePrevention',
      'RequireLowercaseCharacters',
      'RequireNumbers',
      'RequireSymbols',
      'RequireUppercaseCharacters',
    ],
  },
  ramAction: 'ram:SetPasswordPolicy',
  resource: (r) => accountArn(r.principal.accountId),
  input,
  paramErrors: Object.fromEntries(Object.keys(input.properties).map((k) => [k, e])),
  errors: ['InvalidParameter.PasswordPolicy'],
  async handler(ctx, given) {
    const patch = policyPatch(given);
    for (const [name, [min, max]] of Object.entries(POLICY_RANGES)) {
      const v = patch[name as keyof typeof POLICY_RANGES];
      if (v !== undefined && (v < min || v > max)) {
        return err(failure('InvalidParameter.PasswordPolicy', `${name} must be from ${min} to ${max}.`));
      }
    }
    const policy = await ctx.services.identity.logins.setPasswordPolicy(ctx.principal.accountId, patch);
    return ok({ PasswordPolicy: policy });
  },
});

function policyPatch(i: Static<typeof input>): Partial<PasswordPolicy> {
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const entries = Object.entries({
    MinimumPasswordLength: num(i.MinimumPasswordLength),
    RequireLowercaseCharacters: flag(i.RequireLowercaseCharacters),
    RequireUppercaseCharacters: flag(i.RequireUppercaseCharacters),
    RequireNumbers: flag(i.RequireNumbers),
    RequireSymbols: flag(i.RequireSymbols),
    HardExpiry: flag(i.HardExpiry),
    MaxPasswordAge: num(i.MaxPasswordAge),
    PasswordReusePrevention: num(i.PasswordReusePrevention),
    MaxLoginAttemps: num(i.MaxLoginAttemps),
  });
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}
