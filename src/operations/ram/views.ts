/** Response objects of the RAM operations, with Alibaba's field names (ram20150501 models). */
import type { AccessKey, RamUser } from '../../store/ports.js';
import type { RamGroup, RamPolicyVersion, RamRole } from '../../store/ram-ports.js';
import type { PolicyInfo } from '../../domain/ram/policies.js';
import { roleArn } from '../../domain/ram/roles.js';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { err, ok, type Result } from '../../lib/result.js';

/** RAM's date format: 2015-01-23T12:33:18Z (no milliseconds). */
export const ramDate = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function userView(u: RamUser): Record<string, unknown> {
  return {
    UserId: u.id,
    UserName: u.name,
    DisplayName: u.display_name,
    Comments: u.comments ?? '',
    Email: u.email ?? '',
    MobilePhone: u.mobile_phone ?? '',
    CreateDate: ramDate(u.created_at),
    UpdateDate: ramDate(u.updated_at ?? u.created_at),
  };
}

export const keyView = (k: AccessKey): Record<string, unknown> => ({
  AccessKeyId: k.id,
  Status: k.status,
  CreateDate: ramDate(k.created_at),
});

export function roleView(r: RamRole, withTrust: boolean): Record<string, unknown> {
  return {
    RoleId: r.id,
    RoleName: r.name,
    Arn: roleArn(r),
    Description: r.description,
    MaxSessionDuration: r.max_session_duration,
    CreateDate: ramDate(r.created_at),
    UpdateDate: ramDate(r.updated_at),
    ...(withTrust ? { AssumeRolePolicyDocument: r.trust_policy } : {}),
  };
}

export function policyView(p: PolicyInfo, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    PolicyName: p.name,
    PolicyType: p.type,
    Description: p.description,
    DefaultVersion: p.defaultVersion,
    CreateDate: ramDate(p.createdAt),
    UpdateDate: ramDate(p.updatedAt),
    ...extra,
  };
}

export const versionView = (v: RamPolicyVersion, isDefault: boolean): Record<string, unknown> => ({
  VersionId: v.version_id,
  IsDefaultVersion: isDefault,
  PolicyDocument: v.document,
  CreateDate: ramDate(v.created_at),
});

export const groupView = (g: RamGroup): Record<string, unknown> => ({
  GroupId: g.id,
  GroupName: g.name,
  Comments: g.comments,
  CreateDate: ramDate(g.created_at),
  UpdateDate: ramDate(g.updated_at ?? g.created_at),
});

/**
 * One page of a listing (Marker/MaxItems paging): the Marker is an opaque offset; IsTruncated tells
 * whether more follow. Failure: InvalidParameter.Marker.
 */
export function page<T>(
  items: readonly T[],
  marker: string | undefined,
  maxItems: string | undefined,
): Result<{ items: T[]; IsTruncated: boolean; Marker?: string }, ApiFailure> {
  let offset = 0;
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, 'base64url').toString('utf8');
    if (!/^o:\d{1,9}$/.test(decoded)) return err(failure('InvalidParameter.Marker'));
    offset = Number(decoded.slice(2));
  }
  const max = Number(maxItems ?? '100');
  const slice = items.slice(offset, offset + max);
  const more = offset + max < items.length;
  return ok({
    items: slice,
    IsTruncated: more,
    ...(more ? { Marker: Buffer.from(`o:${offset + max}`).toString('base64url') } : {}),
  });
}
