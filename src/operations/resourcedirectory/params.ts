import { Type } from '@sinclair/typebox';

/** Parameter schemas shared by the Resource Directory operations (wire values are strings). */
export const AccountIdParam = Type.String({
  pattern: '^[0-9]{16}$',
  description: 'Specify the 16-digit account ID of the member.',
});
export const SecureMobilePhoneParam = Type.String({
  maxLength: 32,
  description: 'Specify it in the <country code>-<mobile phone number> format, for example 1-2025550123.',
});
export const VerificationCodeParam = Type.String({
  maxLength: 64,
  description: 'Specify the verification code sent by SMS.',
});
export const PageNumberParam = Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'Specify an integer from 1.' });
export const PageSizeParam = Type.String({
  pattern: '^([1-9]|[1-9][0-9]|100)$',
  description: 'Specify an integer from 1 to 100.',
});
