import { Type } from '@sinclair/typebox';
import { ok } from '../../lib/result.js';
import { defineOperation, RD_VERSIONS } from '../define.js';
import { admittedDirectory } from '../caller-rules.js';
import {
  attachmentView,
  controlPolicyArn,
  LANGUAGE_ERRORS,
  LanguageParam,
  TARGET_ID_ERRORS,
  TargetIdParam,
} from './common.js';

/** The policies attached directly to a folder or member (none while control policies are not Enabled). */
export default defineOperation({
  product: 'ResourceManager',
  action: 'ListControlPolicyAttachmentsForTarget',
  versions: RD_VERSIONS,
  readOnly: true,
  ramAction: 'resourcemanager:ListControlPolicyAttachmentsForTarget',
  officialParams: { '2020-03-31': ['Language', 'TargetId'], '2022-04-19': ['Language', 'TargetId'] },
  resource: controlPolicyArn,
  callerRule: 'management-account',
  input: Type.Object({ TargetId: TargetIdParam, Language: Type.Optional(LanguageParam) }),
  paramErrors: { TargetId: TARGET_ID_ERRORS, Language: LANGUAGE_ERRORS },
  errors: ['ResourceDirectoryNotInUse', 'EntityNotExists.Target'],
  async handler(ctx, input) {
    const dir = await admittedDirectory(ctx);
    if (!dir.ok) return dir;
    const list = await ctx.services.lifecycle.controlPolicyAttachments.forTarget(dir.value, input.TargetId);
    if (!list.ok) return list;
    return ok({ ControlPolicyAttachments: { ControlPolicyAttachment: list.value.map(attachmentView) } });
  },
});
