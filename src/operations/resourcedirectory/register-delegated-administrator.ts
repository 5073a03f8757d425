import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { memberAccountArn } from './resources.js';
import { AccountIdParam } from './params.js';
import {
  ACCOUNT_ID_ERRORS,
  MEMBER_ERRORS,
  SERVICE_PRINCIPAL_ERRORS,
  ServicePrincipalParam,
} from './delegation-params.js';

/**
 * Makes a member of the caller's directory a delegated administrator of a trusted service that
 * supports delegation (src/domain/directory/trusted-services.json), within the service's limit.
 */
export default defineOperation({
  product: 'ResourceManager',
  action: 'RegisterDelegatedAdministrator',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:RegisterDelegatedAdministrator',
  officialParams: {
    '2020-03-31': ['AccountId', 'ServicePrincipal'],
    '2022-04-19': ['AccountId', 'ServicePrincipal'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-account',
  input: Type.Object({ AccountId: AccountIdParam, ServicePrincipal: ServicePrincipalParam }),
  paramErrors: { AccountId: ACCOUNT_ID_ERRORS, ServicePrincipal: SERVICE_PRINCIPAL_ERRORS },
  errors: [
    ...MEMBER_ERRORS,
    'InvalidParameter.ServicePrincipal',
    'AccountTypeMismatch',
    'AccountAlreadyRegistered',
    'AccountNumberExceeded',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.delegation.register(dir.value, input.AccountId, input.ServicePrincipal);
    if (!done.ok) return done;
    return ok({});
  },
});
