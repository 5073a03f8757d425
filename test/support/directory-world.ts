/**
 * A directory for the member lifecycle property test: management account 1000000000000009,
 * directory rd-prop2 with root folder r-prop2, two created ResourceAccount members (accounts 0
 * and 1 of `ids`), two accounts in no directory (2 and 3), member deletion enabled, and the
 * domain services over one in-memory SQLite store on a manual clock.
 */
import { openStore } from '../../src/store/open.js';
import { ManualClock } from '../../src/lib/clock.js';
import { DirectoryService } from '../../src/domain/directory/directory.js';
import { FolderService } from '../../src/domain/directory/folders.js';
import { MemberService } from '../../src/domain/directory/members.js';
import { MemberDeletion } from '../../src/domain/directory/deletion.js';
import { Invitations } from '../../src/domain/directory/handshakes.js';
import { MailConfirmations } from '../../src/domain/directory/mail-records.js';
import type { Principal } from '../../src/auth/principal.js';

export const DELAY = 5_000; // deletion check and deletion
export const EXPIRY = 60_000; // invitations
export const CONFIRM = 7_000; // e-mail changes

export const MANAGER = '1000000000000009';
export const ADMIN: Principal = {
  accountId: MANAGER,
  kind: 'user',
  name: 'admin',
  arn: `acs:ram::${MANAGER}:user/admin`,
  accessKeyId: 'LTAIprop',
  stableId: '200000000000000',
};

export async function directoryWorld() {
  const { store } = await openStore('sqlite::memory:');
  const clock = new ManualClock(1_700_000_000_000);
  const t = clock.now();
  const account = (id: string, name: string) =>
    store.directory.createAccount({
      id,
      account_name: `${name}@x.example`,
      display_name: name,
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: t,
    });
  await account(MANAGER, 'manager');
  await store.directory.createDirectory({
    id: 'rd-prop2',
    management_account_id: MANAGER,
    root_folder_id: 'r-prop2',
    created_at: t,
  });
  await store.directory.createFolder({
    id: 'r-prop2',
    directory_id: 'rd-prop2',
    parent_id: null,
    name: 'root',
    created_at: t,
  });
  const ids = ['2000000000000001', '2000000000000002', '3000000000000001', '3000000000000002'];
  for (const [i, id] of ids.entries()) {
    await account(id, `acct${i}`);
    if (i >= 2) continue;
    await store.directory.addMember({
      account_id: id,
      directory_id: 'rd-prop2',
      folder_id: 'r-prop2',
      type: 'ResourceAccount',
      join_method: 'created',
      status: 'CreateSuccess',
      display_name: `acct${i}`,
      join_time: t,
      modify_time: t,
    });
  }
  await store.lifecycle.setMemberDeletionStatus('rd-prop2', 'Enabled', t);
  const dir = (await store.directory.getDirectory('rd-prop2'))!;
  const directory = new DirectoryService(store, clock);
  return {
    store,
    clock,
    dir,
    ids,
    directory,
    folders: new FolderService(store, clock),
    placement: new MemberService(store, clock, directory),
    deletion: new MemberDeletion(store, clock, DELAY),
    invitations: new Invitations(store, clock, EXPIRY),
    mail: new MailConfirmations(store, clock, CONFIRM, 10 * CONFIRM),
  };
}
