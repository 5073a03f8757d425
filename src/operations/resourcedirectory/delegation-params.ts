import { Type } from '@sinclair/typebox';
import type { ParamErrors } from '../define.js';

/** A service principal such as cloudfw.aliyuncs.com (whether it supports delegation is the domain's check). */
export const ServicePrincipalParam = Type.String({
  pattern: '^[a-z0-9][a-z0-9.-]{0,126}[a-z0-9]$',
  description: 'Specify the service principal of a trusted service, such as cloudfw.aliyuncs.com.',
});
export const SERVICE_PRINCIPAL_ERRORS: ParamErrors = {
  missing: 'MissingParameter.ServicePrincipal',
  invalid: 'InvalidParameter.ServicePrincipal',
};
export const ACCOUNT_ID_ERRORS: ParamErrors = {
  missing: 'MissingParameter.AccountId',
  invalid: 'InvalidParameter.AccountId',
};

/** The errors of an operation that names a member of the caller's directory. */
export const MEMBER_ERRORS = [
  'ResourceDirectoryNotInUse',
  'EntityNotExists.Account',
  'NotSupport.AccountInAnotherResourceDirectory',
] as const;
