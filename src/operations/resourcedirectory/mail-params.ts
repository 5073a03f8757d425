import { Type } from '@sinclair/typebox';
import type { ParamErrors, ResourceRequest } from '../define.js';
import type { Member } from '../../store/ports.js';
import type { AccountRecord } from '../../store/account-record-ports.js';
import { memberAccountArn } from './resources.js';
import { accountView } from './views.js';

/**
 * An e-mail address: a local part of letters, digits and . _ % + - and a domain of labels, at most
 * 64 characters. Stored in lower case (logon names are compared without case).
 */
export const EmailParam = Type.String({
  maxLength: 64,
  pattern:
    '^[A-Za-z0-9._%+\\-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$',
  description: 'Specify an e-mail address such as someone@example.com (at most 64 characters).',
});
export const EMAIL_ERRORS: ParamErrors = { missing: 'MissingParameter.Email', invalid: 'InvalidParameter.Email' };

/** The RecordId of CreateCloudAccount / PromoteResourceAccount: a UUID. */
export const RecordIdParam = Type.String({
  pattern: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
  description: 'Specify the RecordId returned by CreateCloudAccount or PromoteResourceAccount.',
});
export const RECORD_ID_ERRORS: { RecordId: ParamErrors } = {
  RecordId: { missing: 'MissingParameter.RecordId', invalid: 'InvalidParameter.RecordId' },
};

/** account/<ResourceDirectoryPath> of the record's member when the caller's directory holds it; account/* otherwise. */
export async function recordAccountArn(r: ResourceRequest): Promise<string> {
  const recordId = (r.input.RecordId ?? '').toLowerCase();
  const record = /^[0-9a-f-]{36}$/.test(recordId) ? await r.services.lifecycle.mail.record(recordId) : undefined;
  if (record) return memberAccountArn({ ...r, input: { ...r.input, AccountId: record.account_id } });
  return `acs:resourcemanager::${r.principal.accountId}:account/*`;
}

/** The `Account` of CreateCloudAccount, PromoteResourceAccount and their resends. */
export function recordAccountView(
  member: Member,
  record: AccountRecord,
  version: string,
  withJoinTime: boolean,
): Record<string, unknown> {
  const {
    ResourceDirectoryPath: _p,
    EmailStatus: _e,
    HasSecureMobilePhone: _h,
    ...view
  } = accountView(member, '', version);
  if (!withJoinTime) delete view.JoinTime;
  return { ...view, RecordId: record.record_id };
}
