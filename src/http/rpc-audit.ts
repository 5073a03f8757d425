/**
 * The audit record of an RPC call: its draft (who called what on which member and number, the
 * number masked), filled in when the call ends, and the append of a refused or read-only call.
 */
import { auditEvent, type AuditDraft } from '../domain/audit/audit.js';
import { maskPhone } from '../domain/phone/phone.js';
import type { Principal } from '../auth/principal.js';
import type { Operation } from '../operations/define.js';
import type { RpcDeps, RpcMeta } from './rpc.js';

export function auditDraft(
  meta: Pick<RpcMeta, 'requestId' | 'sourceIp'>,
  op: Pick<Operation, 'action'>,
  version: string,
  p: Principal,
  params: Record<string, string>,
  now: number,
): AuditDraft {
  const account = params.AccountId;
  const phone = /^(\d{1,3})-(\d{4,15})$/.exec(params.SecureMobilePhone ?? '');
  return {
    time: now,
    requestId: meta.requestId,
    action: op.action,
    version,
    principalArn: p.arn,
    principalId: p.stableId,
    callerAccountId: p.accountId,
    accessKeyId: p.accessKeyId,
    sourceIp: meta.sourceIp,
    targetAccountId: account !== undefined && /^\d{16}$/.test(account) ? account : null,
    phoneMasked: phone ? maskPhone({ callingCode: phone[1]!, national: phone[2]! }) : null,
  };
}

/** A refused call is still recorded; failing to record it is logged, not hidden from the caller. */
export async function appendAudit(
  deps: Pick<RpcDeps, 'store' | 'log'>,
  draft: AuditDraft,
  code: string,
  detail?: string,
): Promise<void> {
  try {
    await deps.store.audit.append(auditEvent(draft, code, null, detail ?? null));
  } catch (e) {
    deps.log.error({ err: e, reqId: draft.requestId }, 'audit append failed');
    throw e;
  }
}
