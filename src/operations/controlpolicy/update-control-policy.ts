import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import {
  controlPolicyArn,
  DESCRIPTION_ERRORS,
  DescriptionParam,
  DOCUMENT_ERRORS,
  POLICY_ID_ERRORS,
  POLICY_NAME_ERRORS,
  PolicyDocumentParam,
  PolicyIdParam,
  PolicyNameParam,
  policyView,
} from './common.js';

/** Changes a custom policy's name, description or document; the new document binds from the next call. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'UpdateControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:UpdateControlPolicy',
  officialParams: {
    '2020-03-31': ['NewDescription', 'NewPolicyDocument', 'NewPolicyName', 'PolicyId'],
    '2022-04-19': ['NewDescription', 'NewPolicyDocument', 'NewPolicyName', 'PolicyId'],
  },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({
    PolicyId: PolicyIdParam,
    NewPolicyName: Type.Optional(PolicyNameParam),
    NewDescription: Type.Optional(DescriptionParam),
    NewPolicyDocument: Type.Optional(PolicyDocumentParam),
  }),
  paramErrors: {
    PolicyId: POLICY_ID_ERRORS,
    NewPolicyName: POLICY_NAME_ERRORS,
    NewDescription: DESCRIPTION_ERRORS,
    NewPolicyDocument: DOCUMENT_ERRORS,
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'NoPermission.SystemControlPolicy',
    'EntityNotExists.ControlPolicy',
    'MalformedPolicyDocument',
    'InvalidParameter.PolicyDocument.Length',
    'EntityAlreadyExists.ControlPolicy',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const updated = await ctx.services.lifecycle.controlPolicies.update(dir.value, input.PolicyId, {
      name: input.NewPolicyName,
      description: input.NewDescription,
      document: input.NewPolicyDocument,
    });
    if (!updated.ok) return updated;
    return ok({ ControlPolicy: policyView(updated.value) });
  },
});
