import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import { ACCOUNT_ID_ERRORS, MEMBER_ERRORS } from './delegation-params.js';
import { iso } from './views.js';

/** The trusted services a member of the caller's directory is a delegated administrator of. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListDelegatedServicesForAccount',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListDelegatedServicesForAccount',
  officialParams: {
    '2020-03-31': ['AccountId'],
    '2022-04-19': ['AccountId'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-account',
  input: Type.Object({ AccountId: AccountIdParam }),
  paramErrors: { AccountId: ACCOUNT_ID_ERRORS },
  errors: [...MEMBER_ERRORS],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const services = await ctx.services.delegation.servicesOf(dir.value, input.AccountId);
    if (!services.ok) return services;
    return ok({
      DelegatedServices: {
        DelegatedService: services.value.map((s) => ({
          ServicePrincipal: s.service_principal,
          DelegationEnabledTime: iso(s.enabled_at),
          Status: 'ENABLED',
        })),
      },
    });
  },
});
