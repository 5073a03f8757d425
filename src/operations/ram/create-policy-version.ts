import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation } from '../define.js';
import { BoolParam, DocumentParam, PARAM_ERRORS, PolicyNameParam, RAM_VERSIONS, ramArn } from './params.js';
import { versionView } from './views.js';

/** Adds a version to a custom policy (at most 5), optionally as the default. */
export default defineOperation({
  product: 'Ram',
  action: 'CreatePolicyVersion',
  versions: RAM_VERSIONS,
  officialParams: { '2015-05-01': ['PolicyDocument', 'PolicyName', 'RotateStrategy', 'SetAsDefault'] },
  ramAction: 'ram:CreatePolicyVersion',
  resource: (r) => ramArn(r.principal.accountId, 'policy', r.input.PolicyName),
  input: Type.Object({
    PolicyName: PolicyNameParam,
    PolicyDocument: DocumentParam,
    SetAsDefault: Type.Optional(BoolParam),
    RotateStrategy: Type.Optional(
      Type.String({
        pattern: '^(None|DeleteOldestNonDefaultVersionWhenLimitExceeded)$',
        description: 'None (default) or DeleteOldestNonDefaultVersionWhenLimitExceeded.',
      }),
    ),
  }),
  paramErrors: { PolicyName: PARAM_ERRORS.PolicyName, RotateStrategy: PARAM_ERRORS.RotateStrategy },
  errors: ['EntityNotExist.Policy', 'MalformedPolicyDocument', 'LimitExceeded.Policy.Version'],
  async handler(ctx, input) {
    const setDefault = input.SetAsDefault === 'true';
    const rotate = input.RotateStrategy === 'DeleteOldestNonDefaultVersionWhenLimitExceeded';
    const r = await ctx.services.identity.policies.createVersion(
      ctx.principal.accountId,
      input.PolicyName,
      input.PolicyDocument,
      setDefault,
      rotate,
    );
    return r.ok ? ok({ PolicyVersion: versionView(r.value, setDefault) }) : r;
  },
});
