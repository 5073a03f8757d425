/**
 * Resource-level authorization of the Resource Directory operations: the member's
 * acs:resourcemanager::<uid>:account/<ResourceDirectoryPath> ARN, and the rule that a caller with
 * no right to the action learns nothing about the target (same refusal whether it exists or not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, type Harness } from '../support/harness.js';
import { coreClient, ramClient, ramModels as R } from '../support/clients.js';
import { addRamUser, addResourceAccountMember } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

let h: Harness;
beforeAll(async () => {
  h = await startResdir();
});
afterAll(() => h.close());

describe('account ARNs carry the ResourceDirectoryPath', () => {
  it('a policy scoped to one member allows Send for it and refuses another member', async () => {
    const a = await addResourceAccountMember(h);
    const b = await addResourceAccountMember(h);
    const path = `${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${a}`;
    const doc = {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['resourcemanager:SendVerificationCodeForBindSecureMobilePhone', 'resourcemanager:GetAccount'],
          Resource: `acs:resourcemanager:*:${h.boot.managementAccountId}:account/${path}`,
        },
      ],
    };
    const root = ramClient(h.host, h.boot.root);
    await root.createPolicy(
      new R.CreatePolicyRequest({ policyName: 'OneMember', policyDocument: JSON.stringify(doc) }),
    );
    const u = await addRamUser(h, { name: 'one-member' });
    await root.attachPolicyToUser(
      new R.AttachPolicyToUserRequest({ userName: 'one-member', policyType: 'Custom', policyName: 'OneMember' }),
    );
    const c = coreClient(h.host, u);
    expect((await c.call('GetAccount', { AccountId: a })).Account).toMatchObject({
      AccountId: a,
      ResourceDirectoryPath: path,
    });
    expect(
      (
        await c.call('SendVerificationCodeForBindSecureMobilePhone', {
          AccountId: a,
          SecureMobilePhone: '1-2025550161',
        })
      ).ExpirationDate,
    ).toBeDefined();
    const e = await refusedWith(
      c.call('SendVerificationCodeForBindSecureMobilePhone', { AccountId: b, SecureMobilePhone: '1-2025550162' }),
      'NoPermission',
      403,
    );
    expect(e.data.Message).toContain(`account/${h.boot.resourceDirectoryId}/${h.boot.rootFolderId}/${b}`);
    await refusedWith(
      c.call('BindSecureMobilePhone', { AccountId: a, SecureMobilePhone: '1-2025550161', VerificationCode: '000000' }),
      'NoPermission',
      403,
    );
  });

  it('a caller without the action gets the same refusal for an existing and a missing member', async () => {
    const existing = await addResourceAccountMember(h);
    const u = await addRamUser(h, { name: 'no-rights' });
    const c = coreClient(h.host, u);
    const messages: string[] = [];
    for (const accountId of [existing, '1999999999999999']) {
      for (const action of ['SendVerificationCodeForBindSecureMobilePhone', 'BindSecureMobilePhone', 'GetAccount']) {
        const params: Record<string, string> = {
          AccountId: accountId,
          SecureMobilePhone: '1-2025550163',
          VerificationCode: '000000',
        };
        const e = await refusedWith(c.call(action, params), 'NoPermission', 403);
        messages.push(e.data.Message.replace(accountId, '<id>'));
        expect(e.data.Message).not.toContain(accountId);
      }
    }
    expect(messages.slice(0, 3)).toEqual(messages.slice(3));
  });
});
