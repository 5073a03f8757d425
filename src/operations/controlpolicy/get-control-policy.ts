import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import {
  controlPolicyArn,
  LANGUAGE_ERRORS,
  LanguageParam,
  POLICY_ID_ERRORS,
  PolicyIdParam,
  policyView,
} from './common.js';

/** One control policy (FullAliyunAccess or a custom one) with its document. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'GetControlPolicy',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:GetControlPolicy',
  officialParams: { '2020-03-31': ['Language', 'PolicyId'], '2022-04-19': ['Language', 'PolicyId'] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({ PolicyId: PolicyIdParam, Language: Type.Optional(LanguageParam) }),
  paramErrors: { PolicyId: POLICY_ID_ERRORS, Language: LANGUAGE_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.ControlPolicy'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const policy = await ctx.services.lifecycle.controlPolicies.get(dir.value, input.PolicyId);
    if (!policy.ok) return policy;
    return ok({ ControlPolicy: policyView(policy.value, true) });
  },
});
