/** Parameter schemas and error codes shared by the RAM operations (wire values are strings). */
import { Type } from '@sinclair/typebox';
import type { ParamErrors } from '../define.js';

export const RAM_VERSIONS = ['2015-05-01'] as const;

export const UserNameParam = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: 'Use 1 to 64 letters, digits and . _ -',
});
/**
 * Free text (display names, comments, descriptions) may hold any character but C0/C1 controls
 * (NUL, newlines, tabs, ESC…) and the bidirectional marks and overrides (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069) that make a value display differently from what it is.
 */
const SAFE_TEXT = '^[^\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]*$';
const SAFE_TEXT_NOTE = ' No control characters or bidirectional overrides.';
export const DisplayNameParam = Type.String({
  minLength: 1,
  maxLength: 128,
  pattern: SAFE_TEXT,
  description: `Use 1 to 128 characters.${SAFE_TEXT_NOTE}`,
});
export const RoleNameParam = Type.String({
  pattern: '^[A-Za-z0-9.-]{1,64}$',
  description: 'Use 1 to 64 letters, digits and . -',
});
export const PolicyNameParam = Type.String({
  pattern: '^[A-Za-z0-9-]{1,128}$',
  description: 'Use 1 to 128 letters, digits and -',
});
export const GroupNameParam = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: 'Use 1 to 64 letters, digits and . _ -',
});
export const PolicyTypeParam = Type.String({ pattern: '^(System|Custom)$', description: 'System or Custom.' });
export const DocumentParam = Type.String({
  minLength: 1,
  maxLength: 6144,
  description: 'A policy document (JSON, Version "1").',
});
export const CommentsParam = Type.String({
  maxLength: 128,
  pattern: SAFE_TEXT,
  description: `At most 128 characters.${SAFE_TEXT_NOTE}`,
});
export const DescriptionParam = Type.String({
  maxLength: 1024,
  pattern: SAFE_TEXT,
  description: `At most 1024 characters.${SAFE_TEXT_NOTE}`,
});
export const AccessKeyIdParam = Type.String({
  pattern: '^[A-Za-z0-9]{1,64}$',
  description: 'An AccessKey ID of the user.',
});
export const EmailParam = Type.String({
  maxLength: 128,
  pattern: '^[^@\\s]+@[^@\\s]+$',
  description: 'An email address.',
});
export const MobilePhoneParam = Type.String({
  pattern: '^[0-9]{1,3}-[0-9]{4,15}$',
  description: '<country code>-<number>, e.g. 86-18600008888.',
});
export const VersionIdParam = Type.String({ pattern: '^v[1-9][0-9]{0,8}$', description: 'v1, v2, …' });
export const MarkerParam = Type.String({ maxLength: 64, description: 'The Marker of the previous page.' });
export const MaxItemsParam = Type.String({
  pattern: '^([1-9][0-9]{0,2}|1000)$',
  description: 'An integer from 1 to 1000 (default 100).',
});
export const BoolParam = Type.String({ pattern: '^(true|false)$', description: 'true or false.' });

const p = (invalid: ParamErrors['invalid']): ParamErrors => ({ missing: 'MissingParameter', invalid });
export const PARAM_ERRORS = {
  UserName: p('InvalidParameter.UserName.InvalidChars'),
  NewUserName: p('InvalidParameter.NewUserName.InvalidChars'),
  NewGroupName: p('InvalidParameter.NewGroupName.InvalidChars'),
  DisplayName: p('InvalidParameter.DisplayName.InvalidChars'),
  NewDisplayName: p('InvalidParameter.NewDisplayName.InvalidChars'),
  RoleName: p('InvalidParameter.RoleName.InvalidChars'),
  PolicyName: p('InvalidParameter.PolicyName.InvalidChars'),
  GroupName: p('InvalidParameter.GroupName.InvalidChars'),
  PolicyType: p('InvalidParameter.PolicyType'),
  Status: p('InvalidParameter.Status'),
  Marker: p('InvalidParameter.Marker'),
  MaxItems: p('InvalidParameter.MaxItems'),
  VersionId: p('InvalidParameter.VersionId'),
  RotateStrategy: p('InvalidParameter.RotateStrategy'),
  MaxSessionDuration: p('InvalidParameter.MaxSessionDuration'),
} as const satisfies Record<string, ParamErrors>;

export const ramArn = (uid: string, kind: 'user' | 'role' | 'policy' | 'group', name: string | undefined): string =>
  `acs:ram::${uid}:${kind}/${name === undefined || name === '' ? '*' : kind === 'role' ? name.toLowerCase() : name}`;
