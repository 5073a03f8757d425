/**
 * Valid values for every declared parameter of the served operations, so that a robustness test
 * can make ONE parameter hostile per request while the others are valid: the hostile value then
 * travels as far as validation lets it (to the handler and the store), instead of stopping at the
 * first invalid parameter. `prepare` creates the RAM entities the values name.
 */
import type { Harness } from './harness.js';
import { coreClient } from './clients.js';
import { encodeDiagnostic } from '../../src/auth/diagnostic.js';
import { stepOf, totpAt } from '../../src/domain/ram/totp.js';

export const HOSTILE_USER = 'hx-user';
export const HOSTILE_ROLE = 'hx-role';
export const HOSTILE_POLICY = 'hx-policy';
export const HOSTILE_GROUP = 'hx-group';

const POLICY = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: 'ram:GetUser', Resource: '*' }],
});
const CONTROL_POLICY = JSON.stringify({
  Version: '1',
  Statement: [{ Effect: 'Deny', Action: 'ecs:DeleteInstance', Resource: '*' }],
});
const trust = (account: string): string =>
  JSON.stringify({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${account}:root`] } }],
  });

export interface HostileWorld {
  /** A valid value of `name` for `action`; `n` makes names fresh. undefined: no known value. */
  valid(action: string, name: string, n: number): string | undefined;
  /** Work to do before a call of `action` (e.g. a fresh user to rename). */
  before(action: string, n: number): Promise<void>;
}

export async function prepareHostileWorld(h: Harness): Promise<HostileWorld> {
  const root = coreClient(h.host, h.boot.root);
  const ram = (action: string, params: Record<string, string>) => root.call(action, params, '2015-05-01');
  await ram('CreateUser', { UserName: HOSTILE_USER });
  const key = (await ram('CreateAccessKey', { UserName: HOSTILE_USER })) as { AccessKey: { AccessKeyId: string } };
  await ram('CreateRole', { RoleName: HOSTILE_ROLE, AssumeRolePolicyDocument: trust(h.boot.managementAccountId) });
  await ram('CreatePolicy', { PolicyName: HOSTILE_POLICY, PolicyDocument: POLICY });
  await ram('CreateGroup', { GroupName: HOSTILE_GROUP });
  const controlPolicy = (await root.call('CreateControlPolicy', {
    PolicyName: 'hx-control-policy',
    EffectScope: 'RAM',
    PolicyDocument: CONTROL_POLICY,
  })) as { ControlPolicy: { PolicyId: string } };

  const made = (await ram('CreateVirtualMFADevice', { VirtualMFADeviceName: 'hx-mfa' })) as {
    VirtualMFADevice: { Base32StringSeed: string };
  };
  let mfa = { name: 'hx-mfa', seed: made.VirtualMFADevice.Base32StringSeed };
  const diagnostic = encodeDiagnostic({
    AuthAction: 'ram:GetUser',
    AuthResource: `acs:ram::${h.boot.managementAccountId}:user/${HOSTILE_USER}`,
    AuthPrincipal: {
      AuthPrincipalDisplayName: HOSTILE_USER,
      AuthPrincipalOwnerId: h.boot.managementAccountId,
      AuthPrincipalType: 'SubUser',
    },
    AuthConditions: [],
    ExplicitDeny: false,
    MatchedPolicies: [],
    NoPermissionPolicyType: 'AccountLevelIdentityBasedPolicy',
  });

  /** Create* and Delete* act on a fresh name (nothing to collide with, nothing shared destroyed). */
  const freshFor = (action: string) =>
    /^(Create(User|Role|Policy|Group|ControlPolicy)|Delete(User|Role|Policy))$/.test(action);
  return {
    valid(action, name, n) {
      const fresh = freshFor(action) || (action === 'UpdateUser' && name === 'UserName');
      switch (name) {
        case 'AccountId':
        case 'BillingAccountId':
        case 'PayerAccountId':
          return h.boot.member.accountId;
        case 'SecureMobilePhone':
          return '1-2025550123';
        case 'ClientToken':
          return `tok-${n}`;
        case 'VerificationCode':
          return '123456';
        case 'DisplayName':
          return `Name ${n}`;
        case 'ParentFolderId':
          return h.boot.rootFolderId;
        case 'AccountNamePrefix':
          return `acct-${n}`;
        case 'IncludeTags':
        case 'SetAsDefault':
        case 'CascadingDelete':
          return 'false';
        case 'PageNumber':
          return '1';
        case 'PageSize':
        case 'MaxItems':
        case 'MaxResults':
          return '10';
        case 'UserName':
          return fresh ? `hx-u-${n}` : HOSTILE_USER;
        case 'NewUserName':
          return `hx-renamed-${n}`;
        case 'NewDisplayName':
          return `Renamed ${n}`;
        case 'Comments':
        case 'NewComments':
        case 'Description':
          return 'plain text';
        case 'Email':
          return `hostile-${n}@example.com`;
        case 'NewEmail':
          return 'someone@example.com';
        case 'RecordId':
          return '00000000-0000-0000-0000-000000000000';
        case 'MobilePhone':
        case 'NewMobilePhone':
          return '86-18600008888';
        case 'UserAccessKeyId':
          return action === 'DeleteAccessKey' ? `LTAI5tNoSuchKey${n}` : key.AccessKey.AccessKeyId;
        case 'Status':
          return action.startsWith('SetMember') ? 'Disabled' : 'Active';
        case 'RoleName':
          return fresh ? `hx-r-${n}` : HOSTILE_ROLE;
        case 'AssumeRolePolicyDocument':
          return trust(h.boot.managementAccountId);
        case 'MaxSessionDuration':
          return '3600';
        case 'PolicyName':
          return fresh ? `hx-p-${n}` : HOSTILE_POLICY;
        case 'PolicyDocument':
          return action === 'CreateControlPolicy' ? CONTROL_POLICY : POLICY;
        case 'PolicyId':
          return controlPolicy.ControlPolicy.PolicyId;
        case 'TargetId':
          return h.boot.rootFolderId;
        case 'EffectScope':
          return 'RAM';
        case 'Language':
          return 'en-US';
        case 'NewPolicyName':
          return `hx-cp-renamed-${n}`;
        case 'NewPolicyDocument':
          return CONTROL_POLICY;
        case 'PolicyType':
          return 'Custom';
        case 'VersionId':
          return 'v1';
        case 'RotateStrategy':
          return 'None';
        case 'GroupName':
          return fresh ? `hx-g-${n}` : HOSTILE_GROUP;
        case 'RoleArn':
          return `acs:ram::${h.boot.managementAccountId}:role/${HOSTILE_ROLE}`;
        case 'RoleSessionName':
          return `session-${n}`;
        case 'DurationSeconds':
          return '3600';
        case 'StartTime':
          return '2026-01-01T00:00:00Z';
        case 'Direction':
          return 'FORWARD';
        case 'NewGroupName':
          return `hx-g-renamed-${n}`;
        case 'NewAssumeRolePolicyDocument':
          return trust(h.boot.managementAccountId);
        case 'NewMaxSessionDuration':
          return '3600';
        case 'NewDescription':
          return 'plain text';
        case 'Password':
        case 'NewPassword':
          return `Hostile-Pass-${n}`;
        case 'OldPassword':
          return 'Not-The-Password-1';
        case 'PasswordResetRequired':
        case 'MFABindRequired':
        case 'RequireLowercaseCharacters':
        case 'RequireUppercaseCharacters':
        case 'RequireNumbers':
        case 'RequireSymbols':
        case 'HardExpiry':
          return 'false';
        case 'MinimumPasswordLength':
          return '8';
        case 'MaxPasswordAge':
        case 'PasswordReusePrevention':
          return '0';
        case 'MaxLoginAttemps':
          return '5';
        case 'AccountAlias':
          return `hx-alias-${n}`;
        case 'VirtualMFADeviceName':
          return `hx-mfa-${n}`;
        case 'SerialNumber':
          return `acs:ram::${h.boot.managementAccountId}:mfa/${mfa.name}`;
        case 'AuthenticationCode1':
          return totpAt(mfa.seed, stepOf(h.app.clock.now()) - 1);
        case 'AuthenticationCode2':
          return totpAt(mfa.seed, stepOf(h.app.clock.now()));
        case 'AllowUserToChangePassword':
        case 'AllowUserToManageMFADevices':
          return 'true';
        case 'AllowUserToManageAccessKeys':
        case 'AllowUserToManagePublicKeys':
        case 'EnableSaveMFATicket':
          return 'false';
        case 'LoginNetworkMasks':
          return '10.0.0.0/8;192.168.0.0/16';
        case 'LoginSessionDuration':
          return '6';
        case 'EncodedDiagnosticMessage':
          return diagnostic;
        case 'ResourceType':
          return 'role';
        case 'ResourceNames':
          return JSON.stringify([HOSTILE_ROLE]);
        case 'Tag':
          return '[{"Key":"hx","Value":"v"}]';
        case 'TagKeys':
          return '["hx"]';
        case 'All':
          return 'false';
        // Resource Directory tags and delegated administrators. Its lists (ResourceId, Tag, TagKey of
        // UntagResources) travel as Name.N entries, so a bare value is refused: ResourceType, All and
        // Tag above are RAM's (the same action names), which the RD operations simply refuse.
        case 'TagKey':
          return action === 'ListTagValues' ? 'hx-key' : undefined;
        case 'KeyFilter':
        case 'ValueFilter':
          return 'hx';
        case 'ServicePrincipal':
          return 'config.aliyuncs.com';
        case 'AdminAccountId':
          return h.boot.member.accountId;
        // Message contacts (2022-04-19); MessageTypes and Members travel as Name.N entries (no bare value).
        case 'ContactId':
          return 'c-hxcontact0000000';
        case 'Name':
          return action.endsWith('MessageContact') ? `hx contact ${n}` : undefined;
        case 'EmailAddress':
          return `hx-${n}@example.com`;
        case 'PhoneNumber':
          return '86-13900001234';
        case 'Title':
          return 'Other';
        case 'Member':
          return h.boot.member.accountId;
        default:
          return undefined;
      }
    },
    async before(action, n) {
      if (action === 'UpdateUser') await ram('CreateUser', { UserName: `hx-u-${n}` });
      if (action === 'BindMFADevice') {
        // A fresh device and a fresh user for each bind, so that two valid codes bind it.
        const made = (await ram('CreateVirtualMFADevice', { VirtualMFADeviceName: `hx-bind-${n}` })) as {
          VirtualMFADevice: { Base32StringSeed: string };
        };
        mfa = { name: `hx-bind-${n}`, seed: made.VirtualMFADevice.Base32StringSeed };
      }
    },
  };
}
