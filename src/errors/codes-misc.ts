import type { CatalogEntry } from './catalog-entry.js';

/** Error codes of member administration: payers, the consolidated billing precheck, authorized listings. */
export const MISC_CODES = {
  'MissingParameter.BillingAccountId': { status: 400, message: 'The BillingAccountId parameter is required.' },
  'InvalidParameter.BillingAccountId': {
    status: 400,
    message: 'The BillingAccountId parameter is invalid. Specify the 16-digit account ID of a member.',
  },
  'MissingParameter.PayerAccountId': { status: 400, message: 'The PayerAccountId parameter is required.' },
  'InvalidParameter.PayerAccountId': {
    status: 400,
    message: 'The PayerAccountId parameter is invalid. Specify the 16-digit account ID of a member.',
  },
  'EntityNotExists.PayerAccount': {
    status: 404,
    message: 'The payer account is not a member of the resource directory.',
  },
  InvalidPayerAccount: {
    status: 409,
    message: 'The account cannot pay for the member: a payer pays for itself and is not paid for by another account.',
  },
} as const satisfies Record<string, CatalogEntry>;
