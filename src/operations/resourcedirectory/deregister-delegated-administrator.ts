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

/** Removes a member of the caller's directory from the delegated administrators of a trusted service. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'DeregisterDelegatedAdministrator',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:DeregisterDelegatedAdministrator',
  officialParams: {
    '2020-03-31': ['AccountId', 'ServicePrincipal'],
    '2022-04-19': ['AccountId', 'ServicePrincipal'],
  },
  resource: () => '*',
  resolveResource: memberAccountArn,
  callerRule: 'management-account',
  input: Type.Object({ AccountId: AccountIdParam, ServicePrincipal: ServicePrincipalParam }),
  paramErrors: { AccountId: ACCOUNT_ID_ERRORS, ServicePrincipal: SERVICE_PRINCIPAL_ERRORS },
  errors: [...MEMBER_ERRORS, 'InvalidParameter.ServicePrincipal', 'AccountNotRegistered'],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const done = await ctx.services.delegation.deregister(dir.value, input.AccountId, input.ServicePrincipal);
    if (!done.ok) return done;
    return ok({});
  },
});
