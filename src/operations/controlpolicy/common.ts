/**
 * What the control policy operations share: parameter schemas and their error codes, the resource
 * ARN (acs:resourcemanager::<caller uid>:controlpolicy/<PolicyId>) and the response views.
 */
import { Type } from '@sinclair/typebox';
import type { ParamErrors, ResourceRequest } from '../define.js';
import type { ControlPolicyInfo } from '../../domain/directory/control-policies.js';
import type { PolicyOnTarget } from '../../domain/directory/control-policy-attachments.js';
import type { TargetAttachment } from '../../store/control-policy-ports.js';
import { iso } from '../resourcedirectory/views.js';

export const PolicyIdParam = Type.String({
  pattern: '^(cp-[A-Za-z0-9]{1,32}|FullAliyunAccess)$',
  description: 'Specify a control policy ID such as cp-xxxxxxxxxxxx, or FullAliyunAccess.',
});
export const TargetIdParam = Type.String({
  pattern: '^((r|fd)-[A-Za-z0-9]{1,32}|[0-9]{16})$',
  description: 'Specify a folder ID (r-…, fd-…) or the 16-digit account ID of a member.',
});
export const PolicyNameParam = Type.String({
  pattern: '^[A-Za-z][A-Za-z0-9-]{0,127}$',
  description: 'Use 1 to 128 letters, digits and hyphens (-), starting with a letter.',
});
/** Printable text: no control, surrogate or bidirectional-override characters. */
export const DescriptionParam = Type.String({
  maxLength: 1024,
  pattern: '^[^\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff]+$',
  description: 'Use at most 1,024 printable characters.',
});
export const PolicyDocumentParam = Type.String({
  maxLength: 4096,
  description: 'Specify a policy document of at most 4,096 characters.',
});
export const EffectScopeParam = Type.Union([Type.Literal('RAM')], { description: 'Specify RAM.' });
export const LanguageParam = Type.Union([Type.Literal('zh-CN'), Type.Literal('en-US'), Type.Literal('ja-JP')], {
  description: 'Specify zh-CN, en-US or ja-JP.',
});
export const PolicyTypeParam = Type.Union([Type.Literal('System'), Type.Literal('Custom')], {
  description: 'Specify System or Custom.',
});

export const POLICY_ID_ERRORS: ParamErrors = {
  missing: 'MissingParameter.PolicyId',
  invalid: 'InvalidParameter.PolicyId',
};
export const TARGET_ID_ERRORS: ParamErrors = {
  missing: 'MissingParameter.TargetId',
  invalid: 'InvalidParameter.TargetId',
};
export const POLICY_NAME_ERRORS: ParamErrors = {
  missing: 'MissingParameter.ControlPolicyName',
  invalid: 'InvalidParameter.ControlPolicyName',
};
export const DESCRIPTION_ERRORS: ParamErrors = {
  missing: 'InvalidParameter.ControlPolicy.Description',
  invalid: 'InvalidParameter.ControlPolicy.Description',
};
export const DOCUMENT_ERRORS: ParamErrors = {
  missing: 'MissingParameter.PolicyDocument',
  invalid: 'InvalidParameter.PolicyDocument.Length',
};
export const EFFECT_SCOPE_ERRORS: ParamErrors = {
  missing: 'InvalidParameter.EffectScope',
  invalid: 'InvalidParameter.EffectScope',
};
export const LANGUAGE_ERRORS: ParamErrors = {
  missing: 'InvalidParameter.Language',
  invalid: 'InvalidParameter.Language',
};
export const POLICY_TYPE_ERRORS: ParamErrors = {
  missing: 'InvalidParameter.ControlPolicy.PolicyType',
  invalid: 'InvalidParameter.ControlPolicy.PolicyType',
};

/** The ARN of the policy the call names, or of every control policy of the caller's account. */
export function controlPolicyArn(r: ResourceRequest): string {
  return `acs:resourcemanager::${r.principal.accountId}:controlpolicy/${r.input.PolicyId ?? '*'}`;
}

/** `ControlPolicy` of Create/Get/Update and the items of ListControlPolicies. */
export function policyView(p: ControlPolicyInfo, withDocument = false): Record<string, unknown> {
  return {
    PolicyId: p.row.id,
    PolicyName: p.row.name,
    Description: p.row.description,
    PolicyType: p.system ? 'System' : 'Custom',
    EffectScope: p.row.effect_scope,
    AttachmentCount: String(p.attachmentCount),
    CreateDate: iso(p.row.created_at),
    UpdateDate: iso(p.row.updated_at),
    ...(withDocument ? { PolicyDocument: p.row.document } : {}),
  };
}

export function attachmentView(a: PolicyOnTarget): Record<string, unknown> {
  return {
    PolicyId: a.info.row.id,
    PolicyName: a.info.row.name,
    Description: a.info.row.description,
    PolicyType: a.info.system ? 'System' : 'Custom',
    EffectScope: a.info.row.effect_scope,
    AttachDate: iso(a.attachedAt),
  };
}

export function targetView(t: TargetAttachment): Record<string, unknown> {
  return { TargetId: t.targetId, TargetName: t.targetName, TargetType: t.targetType, AttachDate: iso(t.attachedAt) };
}
