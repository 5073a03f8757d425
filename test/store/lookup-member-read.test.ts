/**
 * On SQLite a member lookup reads at once when no transaction is open on the connection (not
 * queued behind the group commits: the bench's 100k-member p99), and otherwise waits for the
 * connection: it never sees a change that is not committed yet.
 */
import { expect, it } from 'vitest';
import { ok } from '../../src/lib/result.js';
import { directoryWorld } from '../support/directory-world.js';

const MEMBER = '2000000000000001';
const settledWithin = async (p: Promise<unknown>, ms: number): Promise<boolean> => {
  let settled = false;
  void p.then(() => (settled = true));
  await new Promise((r) => setTimeout(r, ms));
  return settled;
};

it('a lookup waits out an open transaction, and sees its change only once committed', async () => {
  const { store } = await directoryWorld();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let begun!: () => void;
  const inside = new Promise<void>((r) => (begun = r));
  const tx = store.atomically(async (t) => {
    await t.directory.bindSecurePhone(MEMBER, '65-91234567', 1);
    begun();
    await gate;
    return ok(undefined);
  });
  await inside;
  const seen = store.directory.lookupMember(MEMBER);
  expect(await settledWithin(seen, 30)).toBe(false);
  release();
  await tx;
  expect((await seen).member?.account.secure_mobile_phone).toBe('65-91234567');
});

it('with no transaction open, a lookup reads the committed rows', async () => {
  const { store } = await directoryWorld();
  const found = await store.directory.lookupMember(MEMBER);
  expect(found.member?.account.secure_mobile_phone).toBeNull();
  expect(found.folderChain).toEqual(['r-prop2']);
});
