/**
 * The authorization matrix: every operation resdir serves, in every version, called through the
 * official generic client (@alicloud/openapi-core callApi, ACS3) by ten identities. Each cell
 * asserts either "allowed" (success, or a business error that is not an authentication or
 * authorization refusal) or the exact refusal code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, ramClient, ramModels as R, stsClient, stsModels as S, type Creds } from '../support/clients.js';
import { addRamUser, addResourceAccountMember, addStandaloneAccount } from '../support/principals.js';
import { ALL_OPERATIONS } from '../../src/operations/registry.js';
import type { Operation } from '../../src/operations/define.js';
import { ManualClock } from '../../src/lib/clock.js';

type Identity =
  | 'root'
  | 'admin user'
  | 'user without policy'
  | 'narrow custom policy'
  | 'explicit deny'
  | 'assumed role'
  | 'expired STS token'
  | 'member-account user'
  | 'delegated-administrator user'
  | 'other-account user';
const IDENTITIES: Identity[] = [
  'root',
  'admin user',
  'user without policy',
  'narrow custom policy',
  'explicit deny',
  'assumed role',
  'expired STS token',
  'member-account user',
  'delegated-administrator user',
  'other-account user',
];
const REFUSALS = new Set([
  'InternalError',
  'ServiceUnavailable',
  'NoPermission',
  'CallerIdentityError',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'MissingSecurityToken',
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'SignatureDoesNotMatch',
]);
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
const BIND = 'BindSecureMobilePhone';
const ALLOWED = 'allowed';
const NO_RECORD = '00000000-0000-0000-0000-000000000000';

let h: Harness;
let clock: ManualClock;
let member: string;
const creds = new Map<Identity, Creds>();
let serial = 0;
const trust = (uid: string) =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${uid}:root`] } }],
  });

/**
 * Parameters that get each operation past validation as far as possible (names that do not exist where that is
 * harmless).
 */
function paramsFor(op: Operation): Record<string, string> {
  const p = paramTable(`m${++serial}`)[rowKey(op)];
  if (!p) throw new Error(`the matrix has no parameters for ${op.action}: add them`);
  return p;
}

/** An operation's row: `Product.Action` where two products have an action of that name, else the action. */
function rowKey(op: Operation): string {
  const qualified = `${op.product}.${op.action}`;
  return qualified in paramTable('key') ? qualified : op.action;
}

/** One hand-written row per operation the matrix expects resdir to serve. */
function paramTable(n: string): Record<string, Record<string, string>> {
  const pol = { PolicyType: 'System', PolicyName: 'AdministratorAccess' };
  return {
    [SEND]: { AccountId: member, SecureMobilePhone: `1-20255502${String(serial % 100).padStart(2, '0')}` },
    [BIND]: { AccountId: member, SecureMobilePhone: '1-2025550299', VerificationCode: '000000' },
    GetResourceDirectory: {},
    CreateResourceAccount: { DisplayName: `matrix ${n}` },
    GetAccount: { AccountId: member },
    ListAccounts: {},
    CreateUser: { UserName: n },
    GetUser: { UserName: 'nobody' },
    UpdateUser: { UserName: 'nobody', NewDisplayName: 'x' },
    ListUsers: {},
    DeleteUser: { UserName: 'nobody' },
    CreateAccessKey: { UserName: 'nobody' },
    ListAccessKeys: { UserName: 'nobody' },
    UpdateAccessKey: { UserName: 'nobody', UserAccessKeyId: 'LTAI5tNoSuchKey', Status: 'Inactive' },
    DeleteAccessKey: { UserName: 'nobody', UserAccessKeyId: 'LTAI5tNoSuchKey' },
    CreateRole: { RoleName: n, AssumeRolePolicyDocument: trust('1000000000000001') },
    GetRole: { RoleName: 'nobody' },
    ListRoles: {},
    DeleteRole: { RoleName: 'nobody' },
    CreatePolicy: {
      PolicyName: n,
      PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    },
    GetPolicy: pol,
    GetPolicyVersion: { ...pol, VersionId: 'v1' },
    ListPolicies: {},
    CreatePolicyVersion: {
      PolicyName: 'nobody',
      PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    },
    DeletePolicy: { PolicyName: 'nobody' },
    AttachPolicyToUser: { ...pol, UserName: 'nobody' },
    DetachPolicyFromUser: { ...pol, UserName: 'nobody' },
    AttachPolicyToRole: { ...pol, RoleName: 'nobody' },
    DetachPolicyFromRole: { ...pol, RoleName: 'nobody' },
    ListPoliciesForUser: { UserName: 'nobody' },
    ListPoliciesForRole: { RoleName: 'nobody' },
    CreateGroup: { GroupName: n },
    AddUserToGroup: { GroupName: 'nobody', UserName: 'nobody' },
    AttachPolicyToGroup: { ...pol, GroupName: 'nobody' },
    GetGroup: { GroupName: 'nobody' },
    UpdateGroup: { GroupName: 'nobody', NewComments: 'x' },
    DeleteGroup: { GroupName: 'nobody' },
    ListGroups: {},
    RemoveUserFromGroup: { GroupName: 'nobody', UserName: 'nobody' },
    ListGroupsForUser: { UserName: 'nobody' },
    ListUsersForGroup: { GroupName: 'nobody' },
    DetachPolicyFromGroup: { ...pol, GroupName: 'nobody' },
    ListPoliciesForGroup: { GroupName: 'nobody' },
    ListPolicyVersions: pol,
    DeletePolicyVersion: { PolicyName: 'nobody', VersionId: 'v2' },
    SetDefaultPolicyVersion: { PolicyName: 'nobody', VersionId: 'v2' },
    UpdatePolicyDescription: { PolicyName: 'nobody', NewDescription: 'x' },
    ListEntitiesForPolicy: pol,
    UpdateRole: { RoleName: 'nobody', NewDescription: 'x' },
    CreateLoginProfile: { UserName: 'nobody', Password: 'Matrix-Password-1' },
    GetLoginProfile: { UserName: 'nobody' },
    UpdateLoginProfile: { UserName: 'nobody', MFABindRequired: 'false' },
    DeleteLoginProfile: { UserName: 'nobody' },
    ChangePassword: { OldPassword: 'Matrix-Old-1', NewPassword: 'Matrix-New-1' },
    GetPasswordPolicy: {},
    SetPasswordPolicy: { MinimumPasswordLength: '8' },
    GetAccountAlias: {},
    SetAccountAlias: { AccountAlias: `matrix-${n}` },
    ClearAccountAlias: {},
    AssumeRole: { RoleArn: `acs:ram::${h.boot.managementAccountId}:role/matrix-role`, RoleSessionName: `s-${n}` },
    GetCallerIdentity: {},
    LookupEvents: {},
    CreateFolder: { FolderName: n },
    GetFolder: { FolderId: 'fd-0000000000' },
    UpdateFolder: { FolderId: 'fd-0000000000', NewFolderName: n },
    DeleteFolder: { FolderId: 'fd-0000000000' },
    ListFoldersForParent: {},
    ListAncestors: { ChildId: 'fd-0000000000' },
    ListAccountsForParent: { ParentFolderId: h.boot.rootFolderId },
    MoveAccount: { AccountId: member, DestinationFolderId: h.boot.rootFolderId },
    UpdateAccount: { AccountId: member, NewDisplayName: `matrix ${n}` },
    GetPayerForAccount: { AccountId: member },
    // Directory lifecycle: on the demo directory these end in business refusals (it exists and is not empty).
    SendVerificationCodeForEnableRD: {},
    EnableResourceDirectory: { EnableMode: 'CurrentAccount' },
    InitResourceDirectory: {},
    DestroyResourceDirectory: {},
    SetMemberDeletionPermission: { Status: 'Disabled' },
    SetMemberDisplayNameSyncStatus: { Status: 'Disabled' },
    // The member pays for itself: a precheck, and a payer update that changes nothing.
    PrecheckForConsolidatedBillingAccount: { BillingAccountId: member },
    UpdatePayerForAccount: { AccountId: member, PayerAccountId: member },
    ListAuthorizedAccounts: {},
    ListAuthorizedFolders: {},
    // Member deletion stays disabled and the member is a ResourceAccount: nothing is deleted or removed.
    CheckAccountDelete: { AccountId: member },
    GetAccountDeletionCheckResult: { AccountId: member },
    DeleteAccount: { AccountId: member },
    GetAccountDeletionStatus: { AccountId: member },
    RemoveCloudAccount: { AccountId: member },
    // Invitations: the demo member is a member already; no handshake h-nosuch exists.
    InviteAccountToResourceDirectory: { TargetEntity: h.boot.member.accountId, TargetType: 'Account' },
    AcceptHandshake: { HandshakeId: 'h-nosuch' },
    DeclineHandshake: { HandshakeId: 'h-nosuch' },
    CancelHandshake: { HandshakeId: 'h-nosuch' },
    GetHandshake: { HandshakeId: 'h-nosuch' },
    ListHandshakesForAccount: {},
    ListHandshakesForResourceDirectory: {},
    // Control policies: the switch never completes here (the clock stands still), so attachments are
    // refused as not enabled; the custom policy cp-nosuch does not exist.
    EnableControlPolicy: {},
    DisableControlPolicy: {},
    GetControlPolicyEnablementStatus: {},
    CreateControlPolicy: {
      PolicyName: `matrix-${n}`,
      EffectScope: 'RAM',
      PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Deny","Action":"ecs:*","Resource":"*"}]}',
    },
    GetControlPolicy: { PolicyId: 'FullAliyunAccess' },
    UpdateControlPolicy: { PolicyId: 'cp-nosuch', NewDescription: 'x' },
    DeleteControlPolicy: { PolicyId: 'cp-nosuch' },
    ListControlPolicies: {},
    AttachControlPolicy: { PolicyId: 'FullAliyunAccess', TargetId: h.boot.rootFolderId },
    DetachControlPolicy: { PolicyId: 'FullAliyunAccess', TargetId: h.boot.rootFolderId },
    ListControlPolicyAttachmentsForTarget: { TargetId: h.boot.rootFolderId },
    ListTargetAttachmentsForControlPolicy: { PolicyId: 'FullAliyunAccess' },
    // Confirmation mails: changes of the matrix member's e-mail start (then are refused as pending);
    // promotions name no member, records do not exist.
    ChangeAccountEmail: { AccountId: member, Email: `matrix-${n}@example.com` },
    RetryChangeAccountEmail: { AccountId: member },
    CancelChangeAccountEmail: { AccountId: member },
    CreateCloudAccount: { DisplayName: `matrix cloud ${n}`, Email: `matrix-cloud-${n}@example.com` },
    PromoteResourceAccount: { AccountId: '1999999999999999', Email: `matrix-promote-${n}@example.com` },
    ResendCreateCloudAccountEmail: { RecordId: NO_RECORD },
    ResendPromoteResourceAccountEmail: { RecordId: NO_RECORD },
    CancelCreateCloudAccount: { RecordId: NO_RECORD },
    CancelPromoteResourceAccount: { RecordId: NO_RECORD },
    // RAM MFA devices, security preference, key use, diagnostics, tags.
    CreateVirtualMFADevice: { VirtualMFADeviceName: n },
    DeleteVirtualMFADevice: { SerialNumber: `acs:ram::${h.boot.managementAccountId}:mfa/nobody` },
    ListVirtualMFADevices: {},
    BindMFADevice: {
      SerialNumber: `acs:ram::${h.boot.managementAccountId}:mfa/nobody`,
      UserName: 'nobody',
      AuthenticationCode1: '123456',
      AuthenticationCode2: '654321',
    },
    UnbindMFADevice: { UserName: 'nobody' },
    GetUserMFAInfo: { UserName: 'nobody' },
    GetSecurityPreference: {},
    SetSecurityPreference: { LoginSessionDuration: '6' },
    GetAccessKeyLastUsed: { UserName: 'nobody', UserAccessKeyId: 'LTAI5tNoSuchKey' },
    DecodeDiagnosticMessage: { EncodedDiagnosticMessage: 'RDG1.e30=' },
    TagResources: { ResourceType: 'role', ResourceNames: '["nobody"]', Tag: '[{"Key":"k","Value":"v"}]' },
    UntagResources: { ResourceType: 'role', ResourceNames: '["nobody"]', All: 'true' },
    ListTagResources: { ResourceType: 'role' },
    // Resource Directory tags (keyed by product: RAM has operations of the same names). Every identity
    // sets the same key again (no limit is reached); removing an absent key is no error.
    'ResourceManager.TagResources': {
      ResourceType: 'Account',
      'ResourceId.1': member,
      'Tag.1.Key': 'matrix',
      'Tag.1.Value': n,
    },
    'ResourceManager.UntagResources': { ResourceType: 'Account', 'ResourceId.1': member, 'TagKey.1': 'absent' },
    'ResourceManager.ListTagResources': { 'ResourceId.1': member },
    ListTagKeys: {},
    ListTagValues: { TagKey: 'matrix' },
    // Delegated administrators: the first registration succeeds, the others answer AccountAlreadyRegistered.
    RegisterDelegatedAdministrator: { AccountId: member, ServicePrincipal: 'config.aliyuncs.com' },
    DeregisterDelegatedAdministrator: { AccountId: member, ServicePrincipal: 'cms.aliyuncs.com' },
    ListDelegatedAdministrators: {},
    ListDelegatedServicesForAccount: { AccountId: member },
    ListTrustedServiceStatus: {},
    // Message contacts (2022-04-19): every identity adds one; the others name a contact that does not exist.
    AddMessageContact: {
      Name: `matrix ${n}`,
      EmailAddress: `matrix-${n}@example.com`,
      PhoneNumber: '86-13900001234',
      Title: 'Other',
      'MessageTypes.1': 'AccountExpenses',
    },
    GetMessageContact: { ContactId: 'c-nosuchcontact000' },
    UpdateMessageContact: { ContactId: 'c-nosuchcontact000', Name: 'x' },
    DeleteMessageContact: { ContactId: 'c-nosuchcontact000' },
    GetMessageContactDeletionStatus: { ContactId: 'c-nosuchcontact000' },
    ListMessageContacts: {},
    SendPhoneVerificationForMessageContact: { ContactId: 'c-nosuchcontact000', PhoneNumber: '86-13900001234' },
    SendEmailVerificationForMessageContact: { ContactId: 'c-nosuchcontact000', EmailAddress: 'm@example.com' },
    ListMessageContactVerifications: {},
    CancelMessageContactUpdate: { ContactId: 'c-nosuchcontact000', EmailAddress: 'm@example.com' },
    AssociateMembers: { ContactId: 'c-nosuchcontact000', 'Members.1': member },
    DisassociateMembers: { ContactId: 'c-nosuchcontact000', 'Members.1': member },
  };
}

/** A RAM user may create a virtual MFA device without a policy (security preference, on by default). */
const ownMfa = (op: Operation): boolean => op.action === 'CreateVirtualMFADevice';

/** The expected outcome of one cell. */
function expected(id: Identity, op: Operation): string {
  const phoneOp = op.callerRule === 'management-ram-identity';
  switch (id) {
    case 'expired STS token':
      return 'InvalidSecurityToken.Expired';
    case 'root':
      return phoneOp ? 'CallerIdentityError' : op.action === 'AssumeRole' ? 'NoPermission' : ALLOWED;
    case 'admin user':
    case 'assumed role':
      return ALLOWED;
    case 'user without policy':
      return op.authorization === 'any-authenticated' || ownMfa(op) ? ALLOWED : 'NoPermission';
    case 'narrow custom policy':
      return op.action === SEND || op.authorization === 'any-authenticated' || ownMfa(op) ? ALLOWED : 'NoPermission';
    case 'explicit deny':
      return op.action === BIND ? 'NoPermission' : ALLOWED;
    case 'member-account user':
      // A member may read only its own account and its directory (operations/caller-rules.ts);
      // the matrix's target member is another member of the same directory.
      if (op.callerRule === 'management-account' || op.callerRule === 'management-or-self') return 'NoPermission';
      return phoneOp ? 'CallerIdentityError' : op.action === 'AssumeRole' ? 'NoPermission' : ALLOWED;
    case 'delegated-administrator user':
      // A delegated administrator also reads the directory as the management account does; writes stay refused.
      if (op.callerRule === 'management-account' || op.callerRule === 'management-or-self') {
        return op.readOnly ? ALLOWED : 'NoPermission';
      }
      return phoneOp ? 'CallerIdentityError' : op.action === 'AssumeRole' ? 'NoPermission' : ALLOWED;
    case 'other-account user':
      return phoneOp ? 'CallerIdentityError' : op.action === 'AssumeRole' ? 'NoPermission' : ALLOWED;
  }
}

beforeAll(async () => {
  clock = new ManualClock(Date.now());
  h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
  member = await addResourceAccountMember(h);
  const uid = h.boot.managementAccountId;
  const root = ramClient(h.host, h.boot.root);
  await root.createPolicy(
    new R.CreatePolicyRequest({
      policyName: 'SendOnly',
      policyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Allow', Action: `resourcemanager:${SEND}`, Resource: '*' }],
      }),
    }),
  );
  await root.createPolicy(
    new R.CreatePolicyRequest({
      policyName: 'DenyBind',
      policyDocument: JSON.stringify({
        Version: '1',
        Statement: [{ Effect: 'Deny', Action: `resourcemanager:${BIND}`, Resource: '*' }],
      }),
    }),
  );
  await root.createRole(new R.CreateRoleRequest({ roleName: 'matrix-role', assumeRolePolicyDocument: trust(uid) }));
  await root.attachPolicyToRole(
    new R.AttachPolicyToRoleRequest({
      roleName: 'matrix-role',
      policyType: 'System',
      policyName: 'AdministratorAccess',
    }),
  );

  creds.set('root', h.boot.root);
  creds.set('admin user', await addRamUser(h, { name: 'matrix-admin', policies: ['AdministratorAccess'] }));
  creds.set('user without policy', await addRamUser(h, { name: 'matrix-none' }));
  const narrow = await addRamUser(h, { name: 'matrix-narrow' });
  await root.attachPolicyToUser(
    new R.AttachPolicyToUserRequest({ userName: 'matrix-narrow', policyType: 'Custom', policyName: 'SendOnly' }),
  );
  creds.set('narrow custom policy', narrow);
  const denied = await addRamUser(h, {
    name: 'matrix-deny',
    policies: ['AdministratorAccess', 'AliyunResourceDirectoryFullAccess'],
  });
  await root.attachPolicyToUser(
    new R.AttachPolicyToUserRequest({ userName: 'matrix-deny', policyType: 'Custom', policyName: 'DenyBind' }),
  );
  creds.set('explicit deny', denied);
  const assumer = await addRamUser(h, { name: 'matrix-assumer', policies: ['AliyunSTSAssumeRoleAccess'] });
  const assume = async (duration: number): Promise<Creds> => {
    const c = (
      await stsClient(h.host, assumer).assumeRole(
        new S.AssumeRoleRequest({
          roleArn: `acs:ram::${uid}:role/matrix-role`,
          roleSessionName: `matrix-${duration}`,
          durationSeconds: duration,
        }),
      )
    ).body.credentials;
    return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
  };
  const expiring = await assume(900);
  creds.set('assumed role', await assume(3600));
  creds.set('expired STS token', expiring);
  creds.set(
    'member-account user',
    await addRamUser(h, {
      accountId: h.boot.member.accountId,
      name: 'member-admin',
      policies: ['AdministratorAccess'],
    }),
  );
  const delegate = await addResourceAccountMember(h);
  await coreClient(h.host, h.boot.admin).call('RegisterDelegatedAdministrator', {
    AccountId: delegate,
    ServicePrincipal: 'hbr.aliyuncs.com',
  });
  creds.set(
    'delegated-administrator user',
    await addRamUser(h, { accountId: delegate, name: 'delegate-admin', policies: ['AdministratorAccess'] }),
  );
  const other = await addStandaloneAccount(h);
  creds.set(
    'other-account user',
    await addRamUser(h, { accountId: other.accountId, name: 'other-admin', policies: ['AdministratorAccess'] }),
  );
  clock.advance(901_000); // the 900-second session is now expired; the 3600-second one is not
});
afterAll(() => h.close());

const cells = ALL_OPERATIONS.flatMap((op) => op.versions.map((version) => ({ op, version })));

describe.each(IDENTITIES)('authorization matrix: %s', (id) => {
  it.each(cells.map((c) => ({ ...c, name: `${c.op.action} (${c.version})` })))('$name', async ({ op, version }) => {
    const want = expected(id, op);
    const got = await coreClient(h.host, creds.get(id)!)
      .call(op.action, paramsFor(op), version)
      .then(
        () => ALLOWED,
        (e: { code?: string; message?: string }) =>
          e.code !== undefined && !REFUSALS.has(e.code) ? ALLOWED : (e.code ?? String(e.message)),
      );
    expect(got).toBe(want);
  });
});

it('the hand-written rows of the matrix and the operations resdir serves are the same set', () => {
  const rows = Object.keys(paramTable('coverage')).sort();
  const served = [...new Set(ALL_OPERATIONS.map(rowKey))].sort();
  expect(served).toEqual(rows);
});
