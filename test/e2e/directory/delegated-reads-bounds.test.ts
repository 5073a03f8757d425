/**
 * A delegated administrator's reads under hostile input, racing its deregistration, and within the
 * control policies that bind its RAM identities (a Deny wins; its root identity is never bound).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Creds } from '../../support/clients.js';
import { addAccessKey, addRamUser, addResourceAccountMember } from '../../support/principals.js';
import { refusedWith } from '../../support/sdk-error.js';
import {
  CONTROL_POLICY_DELAY_MS as DELAY_MS,
  type DelegatedWorld,
  type Json,
  outcome,
  startDelegatedWorld,
} from '../../support/delegated-world.js';

let w: DelegatedWorld;
let h: DelegatedWorld['h'];
let folder: string;
let sibling: string;
let delegate: string;
let delegateRoot: Creds;
let reader: Creds;
let plainRoot: Creds;
const as = (c: Creds) => w.as(c);
const admin = (action: string, params: Record<string, string> = {}) => w.admin(action, params);

beforeAll(async () => {
  w = await startDelegatedWorld();
  ({ h, folder, sibling, delegate, delegateRoot, reader, plainRoot } = w);
});
afterAll(() => h.close());

describe('hostile input and races', () => {
  it('bad input is refused as for the management account, before any delegation read', async () => {
    const cases: [string, Record<string, string>][] = [
      ['GetFolder', { FolderId: "fd-x'; drop table members;--" }],
      ['GetAccount', { AccountId: '12345' }],
      ['ListAccounts', { PageSize: '1000' }],
      ['ListFoldersForParent', { ParentFolderId: '../../etc' }],
      ['ListTagResources', { ResourceType: 'Bucket' }],
    ];
    for (const [action, params] of cases) {
      const want = (await outcome(admin(action, params))).code as string;
      expect(want, action).toMatch(/^(InvalidParameter|MissingParameter)/);
      await refusedWith(as(delegateRoot)(action, params), want, 400);
      await refusedWith(as(plainRoot)(action, params), want, 400);
    }
  });

  it('reads racing a deregistration each answer OK or NoPermission; the next one is refused', async () => {
    const m = await addResourceAccountMember(h);
    const root = as(await addAccessKey(h, m, null));
    await admin('RegisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cloudsso.aliyuncs.com' });
    const racing = Array.from({ length: 12 }, (_, i) =>
      outcome(root(i % 2 ? 'ListAccounts' : 'GetFolder', i % 2 ? {} : { FolderId: folder })),
    );
    await admin('DeregisterDelegatedAdministrator', { AccountId: m, ServicePrincipal: 'cloudsso.aliyuncs.com' });
    for (const r of await Promise.all(racing)) if (r.code !== undefined) expect(r.code).toBe('NoPermission');
    await refusedWith(root('ListAccounts'), 'NoPermission', 403);
  });
});

describe('control policies still bind its RAM identities', () => {
  it('a Deny on the member beats its RAM Allow; its root identity is not bound; detaching lifts it', async () => {
    await admin('EnableControlPolicy');
    w.clock.advance(DELAY_MS);
    const policy = (
      (
        await admin('CreateControlPolicy', {
          PolicyName: 'no-directory-reads',
          EffectScope: 'RAM',
          PolicyDocument: JSON.stringify({
            Version: '1',
            Statement: [
              { Effect: 'Deny', Action: ['resourcemanager:ListAccounts', 'resourcemanager:GetAccount'], Resource: '*' },
            ],
          }),
        })
      ).ControlPolicy as Json
    ).PolicyId as string;
    await admin('AttachControlPolicy', { PolicyId: policy, TargetId: delegate });
    const e = await refusedWith(as(reader)('ListAccounts'), 'NoPermission', 403);
    expect((e.data as { AccessDeniedDetail?: Json }).AccessDeniedDetail).toMatchObject({
      PolicyType: 'ControlPolicy',
      NoPermissionType: 'ExplicitDeny',
    });
    await refusedWith(as(reader)('GetAccount', { AccountId: sibling }), 'NoPermission', 403);
    await as(reader)('ListFoldersForParent');
    await as(delegateRoot)('ListAccounts');
    // ListAuthorizedAccounts judges each member within the same control policies.
    const admin$ = await addRamUser(h, { accountId: delegate, policies: ['AliyunResourceDirectoryFullAccess'] });
    expect((await as(admin$)('ListAuthorizedAccounts')).TotalCount).toBe(0);
    await admin('DetachControlPolicy', { PolicyId: policy, TargetId: delegate });
    await as(reader)('ListAccounts');
    expect((await as(admin$)('ListAuthorizedAccounts')).TotalCount).toBeGreaterThanOrEqual(4);
    await admin('DisableControlPolicy');
  });
});
