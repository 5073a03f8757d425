/**
 * A small, realistic world for the console's screenshots and browser tests, built through the
 * official clients over HTTP (pop-core, a devDependency) on top of the demo world: folders, members,
 * sent and bound secure phones, RAM users, roles, groups and policies, and a few refused calls.
 */
import { createRequire } from 'node:module';
import type { App } from '../app.js';
import type { BootstrapInfo } from '../bootstrap.js';
import { newAccountId, newDirectoryId, newFolderId, newRootFolderId } from '../lib/ids.js';

const require = createRequire(import.meta.url);

type Call = (action: string, params: Record<string, string>) => Promise<Record<string, unknown>>;

export function popCaller(url: string, creds: { accessKeyId: string; accessKeySecret: string }, version: string): Call {
  const PopCore = require('@alicloud/pop-core');
  const RPCClient = PopCore.RPCClient ?? PopCore;
  const c = new RPCClient({ ...creds, endpoint: url, apiVersion: version });
  return (action, params) => c.request(action, params, { method: 'POST', timeout: 5000 });
}

async function newestCode(url: string, to: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const r = (await (await fetch(`${url}/_resdir/sms?to=${to}`)).json()) as { messages: Array<{ code: string }> };
    if (r.messages[0]) return r.messages[0].code;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error(`no SMS to ${to}`);
}

export interface ConsoleWorld {
  folders: { production: string; staging: string };
  members: Array<{ accountId: string; displayName: string }>;
  secondDirectoryId: string;
}

export async function seedConsoleWorld(app: App, url: string, boot: BootstrapInfo): Promise<ConsoleWorld> {
  const now = Date.now();
  const folder = async (name: string, parent: string) => {
    const id = newFolderId();
    await app.store.directory.createFolder({
      id,
      directory_id: boot.resourceDirectoryId,
      parent_id: parent,
      name,
      created_at: now,
    });
    return id;
  };
  const production = await folder('Production', boot.rootFolderId);
  const staging = await folder('Staging', boot.rootFolderId);
  await folder('Sandbox', staging);

  const rd = popCaller(url, boot.admin, '2022-04-19');
  const members = [];
  for (const [displayName, parent] of [
    ['payments-prod', production],
    ['web-prod', production],
    ['web-staging', staging],
  ] as const) {
    const r = await rd('CreateResourceAccount', { DisplayName: displayName, ParentFolderId: parent });
    members.push({ accountId: (r.Account as { AccountId: string }).AccountId, displayName });
  }

  const send = (accountId: string, phone: string) =>
    rd('SendVerificationCodeForBindSecureMobilePhone', { AccountId: accountId, SecureMobilePhone: phone });
  await send(members[0]!.accountId, '1-2025550123');
  const code = await newestCode(url, '1-2025550123');
  await rd('BindSecureMobilePhone', {
    AccountId: members[0]!.accountId,
    SecureMobilePhone: '1-2025550123',
    VerificationCode: code,
  });
  await rd('BindSecureMobilePhone', {
    AccountId: members[1]!.accountId,
    SecureMobilePhone: '44-7911123456',
    VerificationCode: '000000',
  }).catch(() => undefined);
  await send(members[1]!.accountId, '44-7911123456');
  await send(members[2]!.accountId, '65-91234567');
  await newestCode(url, '65-91234567');
  await rd('GetResourceDirectory', {});

  const ram = popCaller(url, boot.root, '2015-05-01');
  await ram('CreateUser', { UserName: 'alice', DisplayName: 'Alice Chen' });
  await ram('CreateUser', { UserName: 'bob', DisplayName: 'Bob Kumar' });
  await ram('CreateGroup', { GroupName: 'operators', Comments: 'On-call operators' });
  await ram('AddUserToGroup', { GroupName: 'operators', UserName: 'alice' });
  await ram('AddUserToGroup', { GroupName: 'operators', UserName: 'bob' });
  await ram('CreatePolicy', {
    PolicyName: 'ReadDirectory',
    Description: 'Read the resource directory',
    PolicyDocument: JSON.stringify({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['resourcemanager:Get*', 'resourcemanager:List*'], Resource: '*' }],
    }),
  });
  await ram('AttachPolicyToGroup', { GroupName: 'operators', PolicyType: 'Custom', PolicyName: 'ReadDirectory' });
  await ram('AttachPolicyToUser', {
    UserName: 'alice',
    PolicyType: 'System',
    PolicyName: 'AliyunResourceDirectoryFullAccess',
  });
  await ram('CreateRole', {
    RoleName: 'automation',
    Description: 'Account automation pipeline',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Principal: { RAM: [`acs:ram::${boot.managementAccountId}:root`] },
        },
      ],
    }),
  });
  await ram('AttachPolicyToRole', { RoleName: 'automation', PolicyType: 'Custom', PolicyName: 'ReadDirectory' });
  const second = await secondDirectory(app, now);
  return { folders: { production, staging }, members, secondDirectoryId: second };
}

/** A second management account with its own directory and an invited CloudAccount member (no API creates these). */
async function secondDirectory(app: App, now: number): Promise<string> {
  const d = app.store.directory;
  const manager = newAccountId();
  const invited = newAccountId();
  const rd = newDirectoryId();
  const root = newRootFolderId();
  for (const [id, name] of [
    [manager, 'sandbox-management'],
    [invited, 'partner-shop'],
  ] as const)
    await d.createAccount({
      id,
      account_name: `${name}@example.aliyunid.com`,
      display_name: name,
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: now,
    });
  await d.createDirectory({ id: rd, management_account_id: manager, root_folder_id: root, created_at: now });
  await d.createFolder({ id: root, directory_id: rd, parent_id: null, name: 'root', created_at: now });
  await d.addMember({
    account_id: invited,
    directory_id: rd,
    folder_id: root,
    type: 'CloudAccount',
    join_method: 'invited',
    status: 'CreateSuccess',
    display_name: 'partner-shop',
    join_time: now,
    modify_time: now,
  });
  return rd;
}
