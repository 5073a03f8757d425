import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import {
  controlPolicyArn,
  DESCRIPTION_ERRORS,
  DescriptionParam,
  DOCUMENT_ERRORS,
  EFFECT_SCOPE_ERRORS,
  EffectScopeParam,
  POLICY_NAME_ERRORS,
  PolicyDocumentParam,
  PolicyNameParam,
  policyView,
} from './common.js';

/** Creates a custom control policy (at most 1,500 per directory; names unique in the directory). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'CreateControlPolicy',
  versions: RD_VERSIONS,
  ramAction: 'resourcemanager:CreateControlPolicy',
  officialParams: {
    '2020-03-31': ['Description', 'EffectScope', 'PolicyDocument', 'PolicyName'],
    '2022-04-19': ['Description', 'EffectScope', 'PolicyDocument', 'PolicyName', 'Tag'],
  },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({
    PolicyName: PolicyNameParam,
    Description: Type.Optional(DescriptionParam),
    EffectScope: EffectScopeParam,
    PolicyDocument: PolicyDocumentParam,
  }),
  paramErrors: {
    PolicyName: POLICY_NAME_ERRORS,
    Description: DESCRIPTION_ERRORS,
    EffectScope: EFFECT_SCOPE_ERRORS,
    PolicyDocument: DOCUMENT_ERRORS,
  },
  errors: [
    'ResourceDirectoryNotInUse',
    'MalformedPolicyDocument',
    'InvalidParameter.PolicyDocument.Length',
    'EntityAlreadyExists.ControlPolicy',
    'LimitExceeded.ControlPolicy',
  ],
  async handler(ctx, input) {
    const dir = await ctx.services.directory.managedBy(ctx.principal);
    if (!dir.ok) return dir;
    const created = await ctx.services.lifecycle.controlPolicies.create(
      dir.value,
      input.PolicyName,
      input.Description ?? '',
      input.PolicyDocument,
    );
    if (!created.ok) return created;
    return ok({ ControlPolicy: policyView(created.value) });
  },
});
