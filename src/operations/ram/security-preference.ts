/** GetSecurityPreference and SetSecurityPreference: the account's RAM security preference. */
import { type Static, Type } from '@sinclair/typebox';
import { isIP } from 'node:net';
import { type SecurityPreference, securityPreferenceView } from '../../domain/ram/security-preference.js';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation, type ParamErrors } from '../define.js';
import { FlagParam, flag } from './login-params.js';
import { RAM_VERSIONS } from './params.js';

const accountArn = (uid: string): string => `acs:ram::${uid}:*`;
const code = (invalid: ParamErrors['invalid']): ParamErrors => ({ missing: 'MissingParameter', invalid });
const input = Type.Object({
  AllowUserToChangePassword: Type.Optional(FlagParam),
  AllowUserToManageAccessKeys: Type.Optional(FlagParam),
  AllowUserToManageMFADevices: Type.Optional(FlagParam),
  AllowUserToManagePublicKeys: Type.Optional(FlagParam),
  EnableSaveMFATicket: Type.Optional(FlagParam),
  LoginNetworkMasks: Type.Optional(Type.String({ maxLength: 512, description: 'CIDR blocks separated by ;' })),
  LoginSessionDuration: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$', description: '1 to 24 (hours).' })),
});
const FLAGS = [
  'AllowUserToChangePassword',
  'AllowUserToManageAccessKeys',
  'AllowUserToManageMFADevices',
  'AllowUserToManagePublicKeys',
  'EnableSaveMFATicket',
] as const;

export const getSecurityPreference = defineOperation({
  product: 'Ram',
  action: 'GetSecurityPreference',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:GetSecurityPreference',
  officialParams: { '2015-05-01': [] },
  resource: (r) => accountArn(r.principal.accountId),
  input: Type.Object({}),
  errors: [],
  async handler(ctx) {
    const p = await ctx.services.identity.securityPreference.get(ctx.principal.accountId);
    return ok({ SecurityPreference: securityPreferenceView(p) });
  },
});

export const setSecurityPreference = defineOperation({
  product: 'Ram',
  action: 'SetSecurityPreference',
  versions: RAM_VERSIONS,
  ramAction: 'ram:SetSecurityPreference',
  officialParams: { '2015-05-01': [...FLAGS, 'LoginNetworkMasks', 'LoginSessionDuration'] },
  resource: (r) => accountArn(r.principal.accountId),
  input,
  paramErrors: {
    ...Object.fromEntries(FLAGS.map((k) => [k, code('InvalidParameter.SecurityPreference')])),
    LoginNetworkMasks: code('InvalidParameter.LoginNetworkMasks'),
    LoginSessionDuration: code('InvalidParameter.LoginSessionDuration'),
  },
  errors: [
    'InvalidParameter.SecurityPreference',
    'InvalidParameter.LoginNetworkMasks',
    'InvalidParameter.LoginSessionDuration',
  ],
  async handler(ctx, given) {
    const patch = preferencePatch(given);
    const hours = patch.LoginSessionDuration;
    if (hours !== undefined && (hours < 1 || hours > 24)) {
      return err(failure('InvalidParameter.LoginSessionDuration'));
    }
    if (patch.LoginNetworkMasks !== undefined && !validMasks(patch.LoginNetworkMasks)) {
      return err(failure('InvalidParameter.LoginNetworkMasks'));
    }
    const p = await ctx.services.identity.securityPreference.set(ctx.principal.accountId, patch);
    return ok({ SecurityPreference: securityPreferenceView(p) });
  },
});

function preferencePatch(i: Static<typeof input>): Partial<SecurityPreference> {
  const out: Partial<SecurityPreference> = {};
  for (const k of FLAGS) {
    const v = flag(i[k]);
    if (v !== undefined) out[k] = v;
  }
  if (i.LoginNetworkMasks !== undefined) out.LoginNetworkMasks = i.LoginNetworkMasks;
  if (i.LoginSessionDuration !== undefined) out.LoginSessionDuration = Number(i.LoginSessionDuration);
  return out;
}

/** Up to 40 IPv4 or IPv6 CIDR blocks separated by semicolons. */
function validMasks(text: string): boolean {
  const masks = text.split(';').filter((m) => m !== '');
  return (
    masks.length <= 40 &&
    masks.every((m) => {
      const [ip, len, extra] = m.split('/');
      const family = ip === undefined ? 0 : isIP(ip);
      if (family === 0 || extra !== undefined) return false;
      if (len === undefined) return true;
      return /^[0-9]{1,3}$/.test(len) && Number(len) <= (family === 4 ? 32 : 128);
    })
  );
}
