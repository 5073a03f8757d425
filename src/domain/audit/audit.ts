import { timeOrderedId } from '../../lib/ids.js';
import type { AuditEvent } from '../../store/ports.js';

/**
 * What is known about a management call before its outcome. Holds no secret: never the
 * verification code, never an AccessKey secret; the phone only masked.
 */
export interface AuditDraft {
  time: number;
  requestId: string;
  action: string;
  version: string;
  principalArn: string;
  /** The caller's stable identity (Principal.stableId); never recorded, it keys per-identity limits. */
  principalId: string;
  callerAccountId: string;
  accessKeyId: string;
  sourceIp: string;
  targetAccountId: string | null;
  phoneMasked: string | null;
}

export function auditEvent(
  d: AuditDraft,
  resultCode: string,
  outboxMessageId: string | null = null,
  detail: string | null = null,
): AuditEvent {
  return {
    id: timeOrderedId(d.time),
    time: d.time,
    request_id: d.requestId,
    action: d.action,
    version: d.version,
    principal_arn: d.principalArn,
    caller_account_id: d.callerAccountId,
    access_key_id: d.accessKeyId,
    source_ip: d.sourceIp,
    target_account_id: d.targetAccountId,
    phone_masked: d.phoneMasked,
    result_code: resultCode,
    outbox_message_id: outboxMessageId,
    detail,
  };
}
