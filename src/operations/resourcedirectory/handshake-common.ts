import { Type } from '@sinclair/typebox';
import type { Handshake } from '../../store/lifecycle-ports.js';
import { visibleStatus } from '../../domain/directory/handshakes.js';
import type { ParamErrors, ResourceRequest } from '../define.js';
import { iso } from './views.js';

export const HandshakeIdParam = Type.String({
  pattern: '^h-[A-Za-z0-9]{1,32}$',
  description: 'Specify a handshake ID such as h-Ih8IuPfvV0t0****.',
});
export const HANDSHAKE_ID_ERRORS: { HandshakeId: ParamErrors } = {
  HandshakeId: { missing: 'MissingParameter.HandshakeId', invalid: 'InvalidParameter.HandshakeId' },
};

/** acs:resourcemanager::<caller>:handshake/<HandshakeId> (or handshake/* without one). */
export const handshakeArn = (r: ResourceRequest<{ HandshakeId: string }>): string =>
  `acs:resourcemanager::${r.principal.accountId}:handshake/${r.input.HandshakeId}`;
export const allHandshakesArn = (r: ResourceRequest<object>): string =>
  `acs:resourcemanager::${r.principal.accountId}:handshake/*`;

/** The `Handshake` object; Pending past its expiry reads as Expired. */
export function handshakeView(h: Handshake, managementAccountName: string, now: number): Record<string, unknown> {
  return {
    HandshakeId: h.id,
    ResourceDirectoryId: h.directory_id,
    MasterAccountId: h.management_account_id,
    MasterAccountName: managementAccountName,
    TargetEntity: h.target_entity,
    TargetType: h.target_type,
    Note: h.note,
    Status: visibleStatus(h, now),
    CreateTime: iso(h.created_at),
    ModifyTime: iso(h.modified_at),
    ExpireTime: iso(h.expires_at),
  };
}
