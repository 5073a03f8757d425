/**
 * The world of the delegated-administrator tests: the demo directory with a folder `reads` holding a
 * tagged member `sibling`, a member `delegate` that is the delegated administrator of
 * config.aliyuncs.com (its root key, a RAM user with AliyunResourceDirectoryReadOnlyAccess, one with
 * no policy), and a plain member with its root key. The clock is manual (control-policy delays).
 */
import { startResdir, type Harness } from './harness.js';
import { coreClient, type Creds } from './clients.js';
import { addAccessKey, addRamUser, addResourceAccountMember } from './principals.js';
import { ManualClock } from '../../src/lib/clock.js';

export type Json = Record<string, unknown>;
type Call = (action: string, params?: Record<string, string>) => Promise<Json>;

export interface DelegatedWorld {
  h: Harness;
  clock: ManualClock;
  folder: string;
  sibling: string;
  delegate: string;
  plain: string;
  delegateRoot: Creds;
  reader: Creds;
  bare: Creds;
  plainRoot: Creds;
  /** A caller of the 2022-04-19 API through the official generic client. */
  as: (c: Creds) => Call;
  /** The demo management account's RAM administrator. */
  admin: Call;
  /** The read-only operations a delegated administrator may call, with parameters naming this directory. */
  reads: () => [string, Record<string, string>][];
}

export const DELEGATED_SERVICE = 'config.aliyuncs.com';
export const CONTROL_POLICY_DELAY_MS = 5_000;

const strip = ({ RequestId: _r, ...rest }: Json): Json => rest;

/** The success body without its RequestId, or the error code of a business refusal. */
export const outcome = (p: Promise<Json>): Promise<Json> =>
  p.then(strip, (e: { code?: string }) => ({ code: e.code ?? 'none' }));

export async function startDelegatedWorld(): Promise<DelegatedWorld> {
  const clock = new ManualClock(Date.now());
  const h = await startResdir({ clock, settings: { signatureWindowSeconds: 3600 } });
  const as =
    (c: Creds): Call =>
    (action, params = {}) =>
      coreClient(h.host, c).call(action, params);
  const admin = as(h.boot.admin);
  const folder = ((await admin('CreateFolder', { FolderName: 'reads' })).Folder as Json).FolderId as string;
  const sibling = (
    (await admin('CreateResourceAccount', { DisplayName: 'sibling', ParentFolderId: folder })).Account as Json
  ).AccountId as string;
  await admin('TagResources', {
    ResourceType: 'Account',
    'ResourceId.1': sibling,
    'Tag.1.Key': 'team',
    'Tag.1.Value': 'blue',
  });
  const delegate = await addResourceAccountMember(h, h.boot, 'delegate');
  const plain = await addResourceAccountMember(h, h.boot, 'plain');
  await admin('RegisterDelegatedAdministrator', { AccountId: delegate, ServicePrincipal: DELEGATED_SERVICE });
  const reads = (): [string, Record<string, string>][] => [
    ['ListAccounts', {}],
    ['ListAccounts', { IncludeTags: 'true', QueryKeyword: 'sibling' }],
    ['GetAccount', { AccountId: sibling }],
    ['GetAccount', { AccountId: h.boot.managementAccountId }],
    ['GetPayerForAccount', { AccountId: sibling }],
    ['ListFoldersForParent', {}],
    ['GetFolder', { FolderId: folder }],
    ['ListAccountsForParent', { ParentFolderId: folder }],
    ['ListAncestors', { ChildId: folder }],
    ['ListDelegatedAdministrators', {}],
    ['ListDelegatedServicesForAccount', { AccountId: delegate }],
    ['ListTrustedServiceStatus', {}],
    ['ListTagResources', { ResourceType: 'Account' }],
    ['ListTagKeys', { ResourceType: 'Account' }],
    ['ListTagValues', { ResourceType: 'Account', TagKey: 'team' }],
    ['ListAuthorizedAccounts', {}],
    ['ListAuthorizedFolders', {}],
    ['ListMessageContacts', {}],
    ['GetMessageContact', { ContactId: 'c-unknown' }],
    ['GetMessageContactDeletionStatus', { ContactId: 'c-unknown' }],
    ['ListMessageContactVerifications', {}],
    ['PrecheckForConsolidatedBillingAccount', { BillingAccountId: sibling }],
    ['GetControlPolicyEnablementStatus', {}],
    ['ListControlPolicies', {}],
    ['GetControlPolicy', { PolicyId: 'FullAliyunAccess' }],
    ['ListControlPolicyAttachmentsForTarget', { TargetId: folder }],
    ['ListTargetAttachmentsForControlPolicy', { PolicyId: 'FullAliyunAccess' }],
  ];
  return {
    h,
    clock,
    folder,
    sibling,
    delegate,
    plain,
    delegateRoot: await addAccessKey(h, delegate, null),
    reader: await addRamUser(h, { accountId: delegate, policies: ['AliyunResourceDirectoryReadOnlyAccess'] }),
    bare: await addRamUser(h, { accountId: delegate }),
    plainRoot: await addAccessKey(h, plain, null),
    as,
    admin,
    reads,
  };
}
