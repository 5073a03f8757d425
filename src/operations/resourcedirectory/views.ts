import type { Directory, Member } from '../../store/ports.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

/** The `Account` object of GetAccount / ListAccounts / CreateResourceAccount, per API version. */
export function accountView(member: Member, path: string, version: string): Record<string, unknown> {
  const view: Record<string, unknown> = {
    AccountId: member.account_id,
    AccountName: member.account.account_name,
    DisplayName: member.display_name,
    Type: member.type,
    Status: member.status,
    JoinMethod: member.join_method,
    JoinTime: iso(member.join_time),
    ModifyTime: iso(member.modify_time),
    FolderId: member.folder_id,
    ResourceDirectoryId: member.directory_id,
    ResourceDirectoryPath: path,
    EmailStatus: '',
  };
  if (version === '2022-04-19') view.HasSecureMobilePhone = member.account.secure_mobile_phone !== null;
  return view;
}

export function directoryView(d: Directory, managementAccountName: string): Record<string, unknown> {
  return {
    ResourceDirectoryId: d.id,
    RootFolderId: d.root_folder_id,
    MasterAccountId: d.management_account_id,
    MasterAccountName: managementAccountName,
    CreateTime: iso(d.created_at),
    ControlPolicyStatus: 'Disabled',
    MemberDeletionStatus: 'Disabled',
  };
}
