import type { ParamErrors } from '../define.js';

/** AccountId's codes in the deletion operations. */
export const ACCOUNT_ID_ERRORS: { AccountId: ParamErrors } = {
  AccountId: { missing: 'MissingParameter.AccountId', invalid: 'InvalidParameter.AccountId' },
};

/** Codes of finding the member in the caller's directory (DirectoryService.managedBy and memberOf). */
export const MEMBER_LOOKUP_ERRORS = [
  'ResourceDirectoryNotInUse',
  'EntityNotExists.Account',
  'NotSupport.AccountInAnotherResourceDirectory',
] as const;

/** Codes of MemberDeletion.deletable. */
export const DELETABLE_ERRORS = [
  'CallerIdentityError.DeleteAccount',
  'NoLicense.ResourceDirectory',
  'MemberTypeError.DeleteAccount',
  'RemoveConfilctAccountAsDelegatedAdministator',
] as const;
