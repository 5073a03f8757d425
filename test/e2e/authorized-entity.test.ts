/**
 * The ARN an operation is authorized against names exactly the entity its handler changes or
 * reads. For every operation of the registry, an expectation kept here as data gives the call and
 * that entity's ARN; a caller allowed everything except the operation on exactly that ARN is
 * refused, and the same caller with the Deny on a sibling entity is not. An operation without an
 * expectation fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_OPERATIONS } from '../../src/operations/registry.js';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, ramClient, ramModels as R, type Creds } from '../support/clients.js';
import { addAccessKey, addRamUser, addResourceAccountMember } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
let uid: string;
beforeAll(async () => {
  h = await startResdir();
  uid = h.boot.managementAccountId;
});
afterAll(() => h.close());

/** The fixtures of one operation: a user with a key, a role, a custom policy, a group, a member. */
interface Fixture {
  user: string;
  key: string;
  role: string;
  policy: string;
  group: string;
  member: string;
  /** A folder under the root folder. */
  folder: string;
  /** Where the test puts the sibling Deny: another user, role, … of the same kind. */
  other: string;
}

const DOC = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ram:Get*', Resource: '*' }] });
const trustDoc = () =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [uid] } }],
  });
const ram = (kind: string, name: string) => `acs:ram::${uid}:${kind}/${name}`;
const rm = (rest: string) => `acs:resourcemanager::${uid}:${rest}`;
const memberArn = (m: string) => rm(`account/${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${m}`);
const rootFolderArn = () => rm(`folder/${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}`);
const folderArn = (id: string) => rm(`folder/${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${id}`);
const PHONE = '1-2025550777';
const NO_RECORD = { RecordId: '00000000-0000-0000-0000-000000000000' };

type Expectation = { params: (f: Fixture) => Record<string, string>; arn: (f: Fixture) => string; sibling?: false };
/** Per operation: the call, and the ARN of the entity it changes or reads. */
const EXPECTED: Record<string, Expectation | 'not-policy-checked'> = {
  'Ram.CreateUser': { params: (f) => ({ UserName: `${f.user}-new` }), arn: (f) => ram('user', `${f.user}-new`) },
  'Ram.GetUser': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.UpdateUser': { params: (f) => ({ UserName: f.user, NewDisplayName: 'x' }), arn: (f) => ram('user', f.user) },
  'Ram.ListUsers': { params: () => ({}), arn: () => ram('user', '*'), sibling: false },
  'Ram.DeleteUser': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.CreateAccessKey': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.ListAccessKeys': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.UpdateAccessKey': {
    params: (f) => ({ UserName: f.user, UserAccessKeyId: f.key, Status: 'Inactive' }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.DeleteAccessKey': {
    params: (f) => ({ UserName: f.user, UserAccessKeyId: f.key }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.CreateRole': {
    params: (f) => ({ RoleName: `${f.role}-New`, AssumeRolePolicyDocument: trustDoc() }),
    arn: (f) => ram('role', `${f.role}-new`),
  },
  'Ram.GetRole': { params: (f) => ({ RoleName: f.role.toUpperCase() }), arn: (f) => ram('role', f.role) },
  'Ram.ListRoles': { params: () => ({}), arn: () => ram('role', '*'), sibling: false },
  'Ram.DeleteRole': { params: (f) => ({ RoleName: f.role }), arn: (f) => ram('role', f.role) },
  'Ram.CreatePolicy': {
    params: (f) => ({ PolicyName: `${f.policy}-new`, PolicyDocument: DOC }),
    arn: (f) => ram('policy', `${f.policy}-new`),
  },
  'Ram.GetPolicy': {
    params: (f) => ({ PolicyName: f.policy, PolicyType: 'Custom' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.GetPolicyVersion': {
    params: (f) => ({ PolicyName: f.policy, PolicyType: 'Custom', VersionId: 'v1' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.ListPolicies': { params: () => ({}), arn: () => ram('policy', '*'), sibling: false },
  'Ram.CreatePolicyVersion': {
    params: (f) => ({ PolicyName: f.policy, PolicyDocument: DOC }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.DeletePolicy': { params: (f) => ({ PolicyName: f.policy }), arn: (f) => ram('policy', f.policy) },
  'Ram.AttachPolicyToUser': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, UserName: f.user }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.DetachPolicyFromUser': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, UserName: f.user }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.AttachPolicyToRole': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, RoleName: f.role }),
    arn: (f) => ram('role', f.role),
  },
  'Ram.DetachPolicyFromRole': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, RoleName: f.role }),
    arn: (f) => ram('role', f.role),
  },
  'Ram.AttachPolicyToGroup': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, GroupName: f.group }),
    arn: (f) => ram('group', f.group),
  },
  'Ram.ListPoliciesForUser': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.ListPoliciesForRole': { params: (f) => ({ RoleName: f.role }), arn: (f) => ram('role', f.role) },
  'Ram.CreateGroup': { params: (f) => ({ GroupName: `${f.group}-new` }), arn: (f) => ram('group', `${f.group}-new`) },
  'Ram.AddUserToGroup': {
    params: (f) => ({ GroupName: f.group, UserName: f.user }),
    arn: (f) => ram('group', f.group),
  },
  'Sts.AssumeRole': {
    params: (f) => ({ RoleArn: ram('role', f.role.toUpperCase()), RoleSessionName: 'entity' }),
    arn: (f) => ram('role', f.role),
  },
  'Sts.GetCallerIdentity': 'not-policy-checked',
  'Ram.ChangePassword': 'not-policy-checked',
  'ResourceManager.GetAccount': { params: (f) => ({ AccountId: f.member }), arn: (f) => memberArn(f.member) },
  'ResourceManager.SendVerificationCodeForBindSecureMobilePhone': {
    params: (f) => ({ AccountId: f.member, SecureMobilePhone: PHONE }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.BindSecureMobilePhone': {
    params: (f) => ({ AccountId: f.member, SecureMobilePhone: PHONE, VerificationCode: '123456' }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.ListAccounts': { params: () => ({}), arn: () => rm('account/*'), sibling: false },
  'ResourceManager.CreateResourceAccount': {
    params: (f) => ({ DisplayName: `entity-${f.user}`, AccountNamePrefix: `e${f.user.slice(-6)}` }),
    arn: () => rm(`folder/${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}`),
    sibling: false,
  },
  'ResourceManager.GetResourceDirectory': { params: () => ({}), arn: () => rm('resourcedirectory/*'), sibling: false },
  'Actiontrail.LookupEvents': { params: () => ({}), arn: () => '*', sibling: false },
  'Ram.GetGroup': { params: (f) => ({ GroupName: f.group }), arn: (f) => ram('group', f.group) },
  'Ram.UpdateGroup': { params: (f) => ({ GroupName: f.group, NewComments: 'x' }), arn: (f) => ram('group', f.group) },
  'Ram.DeleteGroup': { params: (f) => ({ GroupName: f.group }), arn: (f) => ram('group', f.group) },
  'Ram.ListGroups': { params: () => ({}), arn: () => ram('group', '*'), sibling: false },
  'Ram.RemoveUserFromGroup': {
    params: (f) => ({ GroupName: f.group, UserName: f.user }),
    arn: (f) => ram('group', f.group),
  },
  'Ram.ListGroupsForUser': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.ListUsersForGroup': { params: (f) => ({ GroupName: f.group }), arn: (f) => ram('group', f.group) },
  'Ram.DetachPolicyFromGroup': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy, GroupName: f.group }),
    arn: (f) => ram('group', f.group),
  },
  'Ram.ListPoliciesForGroup': { params: (f) => ({ GroupName: f.group }), arn: (f) => ram('group', f.group) },
  'Ram.ListPolicyVersions': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.DeletePolicyVersion': {
    params: (f) => ({ PolicyName: f.policy, VersionId: 'v2' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.SetDefaultPolicyVersion': {
    params: (f) => ({ PolicyName: f.policy, VersionId: 'v1' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.UpdatePolicyDescription': {
    params: (f) => ({ PolicyName: f.policy, NewDescription: 'x' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.ListEntitiesForPolicy': {
    params: (f) => ({ PolicyType: 'Custom', PolicyName: f.policy }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.UpdateRole': { params: (f) => ({ RoleName: f.role, NewDescription: 'x' }), arn: (f) => ram('role', f.role) },
  'Ram.CreateLoginProfile': {
    params: (f) => ({ UserName: f.user, Password: 'Entity-Password-1' }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.GetLoginProfile': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.UpdateLoginProfile': {
    params: (f) => ({ UserName: f.user, MFABindRequired: 'true' }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.DeleteLoginProfile': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.GetPasswordPolicy': { params: () => ({}), arn: () => `acs:ram::${uid}:*`, sibling: false },
  'Ram.SetPasswordPolicy': {
    params: () => ({ MinimumPasswordLength: '8' }),
    arn: () => `acs:ram::${uid}:*`,
    sibling: false,
  },
  'Ram.GetAccountAlias': { params: () => ({}), arn: () => `acs:ram::${uid}:*`, sibling: false },
  'Ram.SetAccountAlias': {
    params: (f) => ({ AccountAlias: `a-${f.user}` }),
    arn: () => `acs:ram::${uid}:*`,
    sibling: false,
  },
  'Ram.ClearAccountAlias': { params: () => ({}), arn: () => `acs:ram::${uid}:*`, sibling: false },
  'Ram.CreateVirtualMFADevice': {
    params: (f) => ({ VirtualMFADeviceName: f.user }),
    arn: (f) => ram('mfa', f.user),
  },
  'Ram.DeleteVirtualMFADevice': {
    params: (f) => ({ SerialNumber: ram('mfa', f.user) }),
    arn: (f) => ram('mfa', f.user),
  },
  'Ram.ListVirtualMFADevices': { params: () => ({}), arn: () => ram('mfa', '*'), sibling: false },
  'Ram.BindMFADevice': {
    params: (f) => ({
      SerialNumber: ram('mfa', f.user),
      UserName: f.user,
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.UnbindMFADevice': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.GetUserMFAInfo': { params: (f) => ({ UserName: f.user }), arn: (f) => ram('user', f.user) },
  'Ram.GetSecurityPreference': { params: () => ({}), arn: () => `acs:ram::${uid}:*`, sibling: false },
  'Ram.SetSecurityPreference': {
    params: () => ({ LoginSessionDuration: '6' }),
    arn: () => `acs:ram::${uid}:*`,
    sibling: false,
  },
  'Ram.GetAccessKeyLastUsed': {
    params: (f) => ({ UserName: f.user, UserAccessKeyId: f.key }),
    arn: (f) => ram('user', f.user),
  },
  'Ram.DecodeDiagnosticMessage': {
    params: () => ({ EncodedDiagnosticMessage: 'RDG1.e30=' }),
    arn: () => `acs:ram::${uid}:*`,
    sibling: false,
  },
  'Ram.TagResources': {
    params: (f) => ({
      ResourceType: 'role',
      ResourceNames: JSON.stringify([f.role]),
      Tag: '[{"Key":"k","Value":"v"}]',
    }),
    arn: (f) => ram('role', f.role),
  },
  'Ram.UntagResources': {
    params: (f) => ({ ResourceType: 'policy', ResourceNames: JSON.stringify([f.policy]), All: 'true' }),
    arn: (f) => ram('policy', f.policy),
  },
  'Ram.ListTagResources': {
    params: (f) => ({ ResourceType: 'role', ResourceNames: JSON.stringify([f.role]) }),
    arn: (f) => ram('role', f.role),
  },
  'ResourceManager.CheckAccountDelete': { params: (f) => ({ AccountId: f.member }), arn: (f) => memberArn(f.member) },
  'ResourceManager.GetAccountDeletionCheckResult': {
    params: (f) => ({ AccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.DeleteAccount': { params: (f) => ({ AccountId: f.member }), arn: (f) => memberArn(f.member) },
  'ResourceManager.GetAccountDeletionStatus': {
    params: (f) => ({ AccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.RemoveCloudAccount': { params: (f) => ({ AccountId: f.member }), arn: (f) => memberArn(f.member) },
  'ResourceManager.ChangeAccountEmail': {
    params: (f) => ({ AccountId: f.member, Email: `${f.user}@example.com` }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.RetryChangeAccountEmail': {
    params: (f) => ({ AccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.CancelChangeAccountEmail': {
    params: (f) => ({ AccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.PromoteResourceAccount': {
    params: (f) => ({ AccountId: f.member, Email: `${f.user}-p@example.com` }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.CreateCloudAccount': {
    params: (f) => ({ DisplayName: `cloud ${f.user}`, Email: `${f.user}-c@example.com` }),
    arn: () => rootFolderArn(),
    sibling: false,
  },
  // An unknown record names no member: the ARN is account/* (mail-params.ts).
  'ResourceManager.ResendCreateCloudAccountEmail': {
    params: () => NO_RECORD,
    arn: () => rm('account/*'),
    sibling: false,
  },
  'ResourceManager.ResendPromoteResourceAccountEmail': {
    params: () => NO_RECORD,
    arn: () => rm('account/*'),
    sibling: false,
  },
  'ResourceManager.CancelCreateCloudAccount': { params: () => NO_RECORD, arn: () => rm('account/*'), sibling: false },
  'ResourceManager.CancelPromoteResourceAccount': {
    params: () => NO_RECORD,
    arn: () => rm('account/*'),
    sibling: false,
  },
  'ResourceManager.GetPayerForAccount': { params: (f) => ({ AccountId: f.member }), arn: (f) => memberArn(f.member) },
  'ResourceManager.MoveAccount': {
    params: (f) => ({ AccountId: f.member, DestinationFolderId: h.boot.rootFolderId }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.UpdateAccount': {
    params: (f) => ({ AccountId: f.member, NewDisplayName: `entity ${f.user}` }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.CreateFolder': {
    params: (f) => ({ FolderName: f.user }),
    arn: () => rootFolderArn(),
    sibling: false,
  },
  'ResourceManager.ListFoldersForParent': { params: () => ({}), arn: () => rootFolderArn(), sibling: false },
  'ResourceManager.ListAccountsForParent': {
    params: () => ({ ParentFolderId: h.boot.rootFolderId }),
    arn: () => rootFolderArn(),
    sibling: false,
  },
  'ResourceManager.GetFolder': { params: (f) => ({ FolderId: f.folder }), arn: (f) => folderArn(f.folder) },
  'ResourceManager.UpdateFolder': {
    params: (f) => ({ FolderId: f.folder, NewFolderName: `${f.user}-2` }),
    arn: (f) => folderArn(f.folder),
  },
  'ResourceManager.DeleteFolder': { params: (f) => ({ FolderId: f.folder }), arn: (f) => folderArn(f.folder) },
  'ResourceManager.ListAncestors': { params: (f) => ({ ChildId: f.folder }), arn: (f) => folderArn(f.folder) },
  'ResourceManager.AcceptHandshake': {
    params: () => ({ HandshakeId: 'h-nosuch' }),
    arn: () => rm('handshake/h-nosuch'),
  },
  'ResourceManager.DeclineHandshake': {
    params: () => ({ HandshakeId: 'h-nosuch' }),
    arn: () => rm('handshake/h-nosuch'),
  },
  'ResourceManager.CancelHandshake': {
    params: () => ({ HandshakeId: 'h-nosuch' }),
    arn: () => rm('handshake/h-nosuch'),
  },
  'ResourceManager.GetHandshake': { params: () => ({ HandshakeId: 'h-nosuch' }), arn: () => rm('handshake/h-nosuch') },
  'ResourceManager.InviteAccountToResourceDirectory': {
    params: () => ({ TargetEntity: h.boot.member.accountId, TargetType: 'Account' }),
    arn: () => rm('handshake/*'),
    sibling: false,
  },
  'ResourceManager.ListHandshakesForAccount': { params: () => ({}), arn: () => rm('handshake/*'), sibling: false },
  'ResourceManager.ListHandshakesForResourceDirectory': {
    params: () => ({}),
    arn: () => rm('handshake/*'),
    sibling: false,
  },
  'ResourceManager.SendVerificationCodeForEnableRD': { params: () => ({}), arn: () => '*', sibling: false },
  'ResourceManager.EnableResourceDirectory': {
    params: () => ({ EnableMode: 'CurrentAccount' }),
    arn: () => '*',
    sibling: false,
  },
  'ResourceManager.InitResourceDirectory': { params: () => ({}), arn: () => '*', sibling: false },
  'ResourceManager.DestroyResourceDirectory': { params: () => ({}), arn: () => '*', sibling: false },
  'ResourceManager.SetMemberDeletionPermission': {
    params: () => ({ Status: 'Disabled' }),
    arn: () => '*',
    sibling: false,
  },
  'ResourceManager.SetMemberDisplayNameSyncStatus': {
    params: () => ({ Status: 'Disabled' }),
    arn: () => '*',
    sibling: false,
  },
  'ResourceManager.PrecheckForConsolidatedBillingAccount': {
    params: (f) => ({ BillingAccountId: f.member }),
    arn: () => '*',
    sibling: false,
  },
  'ResourceManager.ListAuthorizedAccounts': { params: () => ({}), arn: () => rm('account/*'), sibling: false },
  'ResourceManager.ListAuthorizedFolders': { params: () => ({}), arn: () => rm('folder/*'), sibling: false },
  'ResourceManager.UpdatePayerForAccount': {
    params: (f) => ({ AccountId: f.member, PayerAccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  // Control policies: acs:resourcemanager::<uid>:controlpolicy/<PolicyId>, or controlpolicy/* without one.
  'ResourceManager.EnableControlPolicy': { params: () => ({}), arn: () => rm('controlpolicy/*'), sibling: false },
  'ResourceManager.DisableControlPolicy': { params: () => ({}), arn: () => rm('controlpolicy/*'), sibling: false },
  'ResourceManager.GetControlPolicyEnablementStatus': {
    params: () => ({}),
    arn: () => rm('controlpolicy/*'),
    sibling: false,
  },
  'ResourceManager.CreateControlPolicy': {
    params: (f) => ({ PolicyName: f.policy, EffectScope: 'RAM', PolicyDocument: DOC }),
    arn: () => rm('controlpolicy/*'),
    sibling: false,
  },
  'ResourceManager.ListControlPolicies': { params: () => ({}), arn: () => rm('controlpolicy/*'), sibling: false },
  'ResourceManager.ListControlPolicyAttachmentsForTarget': {
    params: (f) => ({ TargetId: f.folder }),
    arn: () => rm('controlpolicy/*'),
    sibling: false,
  },
  'ResourceManager.GetControlPolicy': {
    params: () => ({ PolicyId: 'FullAliyunAccess' }),
    arn: () => rm('controlpolicy/FullAliyunAccess'),
  },
  'ResourceManager.UpdateControlPolicy': {
    params: () => ({ PolicyId: 'cp-nosuchpolicy0000', NewDescription: 'x' }),
    arn: () => rm('controlpolicy/cp-nosuchpolicy0000'),
  },
  'ResourceManager.DeleteControlPolicy': {
    params: () => ({ PolicyId: 'cp-nosuchpolicy0000' }),
    arn: () => rm('controlpolicy/cp-nosuchpolicy0000'),
  },
  'ResourceManager.AttachControlPolicy': {
    params: (f) => ({ PolicyId: 'FullAliyunAccess', TargetId: f.folder }),
    arn: () => rm('controlpolicy/FullAliyunAccess'),
  },
  'ResourceManager.DetachControlPolicy': {
    params: (f) => ({ PolicyId: 'FullAliyunAccess', TargetId: f.folder }),
    arn: () => rm('controlpolicy/FullAliyunAccess'),
  },
  'ResourceManager.ListTargetAttachmentsForControlPolicy': {
    params: () => ({ PolicyId: 'FullAliyunAccess' }),
    arn: () => rm('controlpolicy/FullAliyunAccess'),
  },
  'ResourceManager.TagResources': {
    params: (f) => ({ ResourceType: 'Account', 'ResourceId.1': f.member, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.UntagResources': {
    params: (f) => ({ ResourceType: 'Account', 'ResourceId.1': f.member, All: 'true' }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.ListTagResources': {
    params: (f) => ({ 'ResourceId.1': f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.ListTagKeys': { params: () => ({}), arn: () => rm('account/*'), sibling: false },
  'ResourceManager.ListTagValues': { params: () => ({ TagKey: 'k' }), arn: () => rm('account/*'), sibling: false },
  'ResourceManager.RegisterDelegatedAdministrator': {
    params: (f) => ({ AccountId: f.member, ServicePrincipal: 'config.aliyuncs.com' }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.DeregisterDelegatedAdministrator': {
    params: (f) => ({ AccountId: f.member, ServicePrincipal: 'config.aliyuncs.com' }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.ListDelegatedServicesForAccount': {
    params: (f) => ({ AccountId: f.member }),
    arn: (f) => memberArn(f.member),
  },
  'ResourceManager.ListDelegatedAdministrators': { params: () => ({}), arn: () => rm('account/*'), sibling: false },
  'ResourceManager.AddMessageContact': {
    params: () => ({
      Name: 'ent',
      EmailAddress: 'ent@example.com',
      PhoneNumber: '86-13900001234',
      Title: 'Other',
      'MessageTypes.1': 'AccountExpenses',
    }),
    arn: () => rm('messagecontact/*'),
    sibling: false,
  },
  'ResourceManager.ListMessageContacts': { params: () => ({}), arn: () => rm('messagecontact/*'), sibling: false },
  'ResourceManager.GetMessageContact': {
    params: () => ({ ContactId: 'c-nosuchcontact000' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.UpdateMessageContact': {
    params: () => ({ ContactId: 'c-nosuchcontact000', Name: 'x' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.DeleteMessageContact': {
    params: () => ({ ContactId: 'c-nosuchcontact000' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.GetMessageContactDeletionStatus': {
    params: () => ({ ContactId: 'c-nosuchcontact000' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.SendPhoneVerificationForMessageContact': {
    params: () => ({ ContactId: 'c-nosuchcontact000', PhoneNumber: '86-13900001234' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.SendEmailVerificationForMessageContact': {
    params: () => ({ ContactId: 'c-nosuchcontact000', EmailAddress: 'ent@example.com' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.ListMessageContactVerifications': {
    params: () => ({}),
    arn: () => rm('messagecontact/*'),
    sibling: false,
  },
  'ResourceManager.CancelMessageContactUpdate': {
    params: () => ({ ContactId: 'c-nosuchcontact000', EmailAddress: 'ent@example.com' }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.AssociateMembers': {
    params: (f) => ({ ContactId: 'c-nosuchcontact000', 'Members.1': f.member }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.DisassociateMembers': {
    params: (f) => ({ ContactId: 'c-nosuchcontact000', 'Members.1': f.member }),
    arn: () => rm('messagecontact/c-nosuchcontact000'),
  },
  'ResourceManager.ListTrustedServiceStatus': {
    params: () => ({}),
    arn: () => rm('resourcedirectory/*'),
    sibling: false,
  },
};

let seq = 0;
async function fixture(): Promise<Fixture> {
  const s = `${++seq}`;
  const root = ramClient(h.host, h.boot.root);
  const f = {
    user: `ent-user-${s}`,
    role: `ent-role-${s}`,
    policy: `ent-policy-${s}`,
    group: `ent-group-${s}`,
    other: `ent-other-${s}`,
  };
  await addRamUser(h, { name: f.user });
  const key = await addAccessKey(h, uid, f.user);
  await root.createRole(new R.CreateRoleRequest({ roleName: f.role, assumeRolePolicyDocument: trustDoc() }));
  await root.createPolicy(new R.CreatePolicyRequest({ policyName: f.policy, policyDocument: DOC }));
  await root.createGroup(new R.CreateGroupRequest({ groupName: f.group }));
  const made = (await coreClient(h.host, h.boot.admin).call('CreateFolder', { FolderName: `ent-folder-${s}` })) as {
    Folder: { FolderId: string };
  };
  return { ...f, key: key.accessKeyId, member: await addResourceAccountMember(h), folder: made.Folder.FolderId };
}

/** A RAM user allowed everything but `action` on `resource`. */
async function deniedOn(action: string, resource: string): Promise<Creds> {
  const name = `deny-${++seq}`;
  const doc = JSON.stringify({
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: action, Resource: resource },
    ],
  });
  const root = ramClient(h.host, h.boot.root);
  await root.createPolicy(new R.CreatePolicyRequest({ policyName: name, policyDocument: doc }));
  const u = await addRamUser(h, { name });
  await root.attachPolicyToUser(
    new R.AttachPolicyToUserRequest({ userName: name, policyType: 'Custom', policyName: name }),
  );
  return u;
}

/** The sibling of an ARN: the same kind of entity, another name. */
const siblingOf = (arn: string, f: Fixture): string => arn.replace(/\/[^/]+$/, `/${f.other}`);

describe('every operation is authorized against exactly the entity it acts on', () => {
  it('the expectations cover the registry, one for one', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(ALL_OPERATIONS.map((op) => `${op.product}.${op.action}`).sort());
    for (const op of ALL_OPERATIONS)
      expect(EXPECTED[`${op.product}.${op.action}`] === 'not-policy-checked', op.action).toBe(
        op.authorization === 'any-authenticated',
      );
  });

  for (const op of ALL_OPERATIONS) {
    const e = EXPECTED[`${op.product}.${op.action}`];
    if (e === undefined || e === 'not-policy-checked') continue;
    it(`${op.product} ${op.action}`, async () => {
      const f = await fixture();
      const version = op.versions[op.versions.length - 1]!;
      const denied = await deniedOn(op.ramAction, e.arn(f));
      const refusal = await refusedWith(
        coreClient(h.host, denied).call(op.action, e.params(f), version),
        'NoPermission',
        403,
      );
      expect(refusal.data.Message).toContain(e.arn(f));
      if (e.sibling === false) return;
      const elsewhere = await deniedOn(op.ramAction, siblingOf(e.arn(f), f));
      const outcome = await coreClient(h.host, elsewhere)
        .call(op.action, e.params(f), version)
        .then(
          () => 'OK',
          (x: { data?: { Code?: string } }) => x.data?.Code ?? 'transport',
        );
      expect(outcome, `${op.action} with a Deny on another entity`).not.toBe('NoPermission');
    });
  }
});

describe('a Deny on the caller own ARN holds for its key operations', () => {
  it('with UserName empty and with its own name', async () => {
    const name = 'self-keys';
    const doc = JSON.stringify({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'ram:*', Resource: '*' },
        { Effect: 'Deny', Action: 'ram:*AccessKey*', Resource: ram('user', name) },
      ],
    });
    const root = ramClient(h.host, h.boot.root);
    await root.createPolicy(new R.CreatePolicyRequest({ policyName: name, policyDocument: doc }));
    const u = await addRamUser(h, { name });
    await root.attachPolicyToUser(
      new R.AttachPolicyToUserRequest({ userName: name, policyType: 'Custom', policyName: name }),
    );
    const c = coreClient(h.host, u);
    for (const userName of ['', name]) {
      for (const [action, params] of [
        ['CreateAccessKey', {}],
        ['ListAccessKeys', {}],
        ['UpdateAccessKey', { UserAccessKeyId: u.accessKeyId, Status: 'Inactive' }],
        ['DeleteAccessKey', { UserAccessKeyId: u.accessKeyId }],
      ] as const) {
        const e = await refusedWith(
          c.call(action, { ...params, UserName: userName }, '2015-05-01'),
          'NoPermission',
          403,
        );
        expect(e.data.Message).toContain(ram('user', name));
      }
    }
    expect(
      (await root.listAccessKeys(new R.ListAccessKeysRequest({ userName: name }))).body.accessKeys.accessKey,
    ).toHaveLength(1);
  });
});
