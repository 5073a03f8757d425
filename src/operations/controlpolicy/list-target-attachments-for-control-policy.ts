import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import { PAGING_ERRORS } from '../resourcedirectory/folder-params.js';
import { PageNumberParam, PageSizeParam } from '../resourcedirectory/params.js';
import { controlPolicyArn, POLICY_ID_ERRORS, PolicyIdParam, targetView } from './common.js';

/** The folders and members a policy is attached to, oldest attachment first, by pages. */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListTargetAttachmentsForControlPolicy',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListTargetAttachmentsForControlPolicy',
  officialParams: {
    '2020-03-31': ['PageNumber', 'PageSize', 'PolicyId'],
    '2022-04-19': ['PageNumber', 'PageSize', 'PolicyId'],
  },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({
    PolicyId: PolicyIdParam,
    PageNumber: Type.Optional(PageNumberParam),
    PageSize: Type.Optional(PageSizeParam),
  }),
  paramErrors: { PolicyId: POLICY_ID_ERRORS, ...PAGING_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.ControlPolicy'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const pageNumber = Number(input.PageNumber ?? '1');
    const pageSize = Number(input.PageSize ?? '10');
    const page = await ctx.services.lifecycle.controlPolicyAttachments.targetsOf(
      dir.value,
      input.PolicyId,
      pageNumber,
      pageSize,
    );
    if (!page.ok) return page;
    return ok({
      TotalCount: page.value.total,
      PageNumber: pageNumber,
      PageSize: pageSize,
      TargetAttachments: { TargetAttachment: page.value.targets.map(targetView) },
    });
  },
});
