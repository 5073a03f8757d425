/**
 * A Send may judge its member from memory (on PostgreSQL, where each read is a round trip), yet
 * every answer is the one a fresh read gives: a member moved, bound or re-typed since an earlier
 * Send is judged as it is now, and gets no code when it may not; a Bind likewise binds nothing.
 * Runs on both dialects; the answers must be the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startResdir, waitForSms, type Harness } from '../support/harness.js';
import { coreClient } from '../support/clients.js';
import { addRamUser, addResourceAccountMember } from '../support/principals.js';
import { refusedWith } from '../support/sdk-error.js';

type Json = Record<string, unknown>;
const SEND = 'SendVerificationCodeForBindSecureMobilePhone';
let h: Harness;
let root: ReturnType<typeof coreClient>;
let admin: ReturnType<typeof coreClient>;
let phone = 2025550700;

const send = (c: ReturnType<typeof coreClient>, AccountId: string) =>
  c.call(SEND, { AccountId, SecureMobilePhone: `1-${++phone}` });
const codesOf = async (accountId: string) =>
  (await h.app.store.audit.recent(1000)).filter((e) => e.action === SEND && e.target_account_id === accountId);
const folderId = async (FolderName: string) =>
  ((await root.call('CreateFolder', { FolderName })).Folder as Json).FolderId as string;
const move = (AccountId: string, DestinationFolderId: string) =>
  root.call('MoveAccount', { AccountId, DestinationFolderId });

beforeAll(async () => {
  h = await startResdir({ settings: { limits: false } });
  root = coreClient(h.host, h.boot.root);
  admin = coreClient(h.host, h.boot.admin);
});
afterAll(() => h.close());

describe('a Send judges the member as it is now', () => {
  it('a phone bound since the last Send: AccountSecureMobileAlreadyExists, no code', async () => {
    const m = await addResourceAccountMember(h);
    await send(admin, m);
    await h.app.store.directory.bindSecurePhone(m, '+12025550199', Date.now());
    await refusedWith(send(admin, m), 'AccountSecureMobileAlreadyExists', 409);
    expect((await codesOf(m)).map((e) => e.result_code).sort()).toEqual(['AccountSecureMobileAlreadyExists', 'OK']);
  });

  it('moved out of, then back into, the only folder the caller may send to', async () => {
    const allowed = await folderId('send-allowed');
    const other = await folderId('send-other');
    const { resourceDirectoryId: rd, rootFolderId: r, managementAccountId: uid } = h.boot;
    const name = 'folder-sender';
    const statement = {
      Effect: 'Allow',
      Action: [`resourcemanager:${SEND}`, 'resourcemanager:BindSecureMobilePhone'],
      Resource: `acs:resourcemanager::${uid}:account/${rd}/${r}/${allowed}/*`,
    };
    await root.call(
      'CreatePolicy',
      { PolicyName: name, PolicyDocument: JSON.stringify({ Version: '1', Statement: [statement] }) },
      '2015-05-01',
    );
    const key = await addRamUser(h, { name });
    await root.call('AttachPolicyToUser', { PolicyType: 'Custom', PolicyName: name, UserName: name }, '2015-05-01');
    const user = coreClient(h.host, key);
    const m = await addResourceAccountMember(h);
    await move(m, allowed);
    await send(user, m);
    await move(m, other);
    await refusedWith(send(user, m), 'NoPermission', 403);
    await refusedWith(send(user, m), 'NoPermission', 403);
    await move(m, allowed);
    await send(user, m);
    const results = (await codesOf(m)).map((e) => e.result_code);
    expect(results.filter((c) => c === 'OK')).toHaveLength(2);
    expect(results.filter((c) => c === 'NoPermission')).toHaveLength(2);
    // Bind, with the right code, after the member moved away and back.
    const SecureMobilePhone = `1-${phone}`;
    const { code } = await waitForSms(h, SecureMobilePhone);
    const bind = () => user.call('BindSecureMobilePhone', { AccountId: m, SecureMobilePhone, VerificationCode: code });
    await move(m, other);
    await refusedWith(bind(), 'NoPermission', 403);
    expect((await h.app.store.directory.getAccount(m))?.secure_mobile_phone).toBeNull();
    await move(m, allowed);
    await bind();
    expect((await h.app.store.directory.getAccount(m))?.secure_mobile_phone).toBe(`+1${phone}`);
  });

  it('a member that left the directory: EntityNotExists.Account', async () => {
    const m = await addResourceAccountMember(h);
    await send(admin, m);
    await h.app.store.atomically(async (tx) => {
      await tx.accountRecords.dropUnconfirmed(m);
      return { ok: true, value: undefined };
    });
    await refusedWith(send(admin, m), 'EntityNotExists.Account', 404);
  });
});
