import { Type } from '@sinclair/typebox';
import { decodeDiagnostic } from '../../auth/diagnostic.js';
import { failure } from '../../errors/catalog.js';
import { err, ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { RAM_VERSIONS } from './params.js';

/**
 * Decodes the EncodedDiagnosticMessage of a NoPermission refusal (auth/diagnostic.ts). Only a
 * message about an identity of the caller's own account is decoded.
 */
export default defineOperation({
  product: 'Ram',
  action: 'DecodeDiagnosticMessage',
  versions: RAM_VERSIONS,
  readOnly: true,
  ramAction: 'ram:DecodeDiagnosticMessage',
  officialParams: { '2015-05-01': ['EncodedDiagnosticMessage'] },
  resource: (r) => `acs:ram::${r.principal.accountId}:*`,
  input: Type.Object({
    EncodedDiagnosticMessage: Type.String({
      maxLength: 16_384,
      description: 'The EncodedDiagnosticMessage of a refusal.',
    }),
  }),
  paramErrors: {
    EncodedDiagnosticMessage: { missing: 'MissingParameter', invalid: 'InvalidParameter.EncodedDiagnosticMessage' },
  },
  errors: ['InvalidParameter.EncodedDiagnosticMessage'],
  async handler(ctx, input) {
    const d = decodeDiagnostic(input.EncodedDiagnosticMessage);
    if (!d || d.AuthPrincipal.AuthPrincipalOwnerId !== ctx.principal.accountId) {
      return err(failure('InvalidParameter.EncodedDiagnosticMessage'));
    }
    return ok({ DecodedDiagnosticMessage: d });
  },
});
