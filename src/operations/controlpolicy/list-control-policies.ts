import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PAGING_ERRORS } from '../resourcedirectory/folder-params.js';
import { PageNumberParam, PageSizeParam } from '../resourcedirectory/params.js';
import {
  controlPolicyArn,
  LANGUAGE_ERRORS,
  LanguageParam,
  POLICY_TYPE_ERRORS,
  PolicyTypeParam,
  policyView,
} from './common.js';

/** FullAliyunAccess, then the custom policies oldest first, by pages; PolicyType keeps one kind. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListControlPolicies',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListControlPolicies',
  officialParams: {
    '2020-03-31': ['Language', 'PageNumber', 'PageSize', 'PolicyType'],
    '2022-04-19': ['Language', 'PageNumber', 'PageSize', 'PolicyType', 'Tag'],
  },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({
    PolicyType: Type.Optional(PolicyTypeParam),
    Language: Type.Optional(LanguageParam),
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { PolicyType: POLICY_TYPE_ERRORS, Language: LANGUAGE_ERRORS, ...PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = await ctx.services.lifecycle.controlPolicies.list(dir.value, input.PolicyType, pageNumber, pageSize);
    return ok({
      TotalCount: page.total,
      PageNumber: pageNumber,
      PageSize: pageSize,
      ControlPolicies: { ControlPolicy: page.policies.map((p) => policyView(p)) },
    });
  },
});
