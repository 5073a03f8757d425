/**
 * Property-based test of a directory's members over time (fast-check): for any interleaving of
 * folder creations and deletions, member moves, invitations (invite, accept, decline, cancel,
 * expiry), removals of invited members, member deletions (check, delete, the delay, the sweeper),
 * e-mail changes and clock advances, each call succeeds or fails exactly as a model says, and
 * afterwards the store holds exactly the model's members, placements, invitations and names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FOLDER_DEPTH } from '../../src/domain/directory/folders.js';
import { visibleStatus } from '../../src/domain/directory/handshakes.js';
import { ADMIN, CONFIRM, DELAY, directoryWorld, MANAGER } from '../support/directory-world.js';
import type { Result } from '../../src/lib/result.js';
import type { ApiFailure } from '../../src/errors/catalog.js';

type Cmd =
  | { t: 'folder'; parent: number }
  | { t: 'rmfolder'; folder: number }
  | { t: 'move'; who: number; folder: number }
  | { t: 'invite'; who: number; folder: number }
  | { t: 'answer'; who: number; how: 'accept' | 'decline' | 'cancel' }
  | { t: 'remove'; who: number }
  | { t: 'check' | 'delete'; who: number }
  | { t: 'email' | 'cancelEmail'; who: number }
  | { t: 'advance'; ms: number }
  | { t: 'sweep' };

/** `who` indexes: 0–1 created members, 2–3 outside accounts (invitable). */
const who = fc.nat(3);
const outsider = fc.constantFrom(2, 3);
const created = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 4 }, { arbitrary: who, weight: 1 });
const invitee = fc.oneof({ arbitrary: outsider, weight: 4 }, { arbitrary: who, weight: 1 });
const pick = fc.oneof({ arbitrary: fc.nat(4), weight: 1 }, { arbitrary: fc.constant(99), weight: 2 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('folder' as const), parent: pick }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('rmfolder' as const), folder: pick }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('move' as const), who, folder: pick }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('invite' as const), who: invitee, folder: pick }), weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant('answer' as const),
      who: outsider,
      how: fc.constantFrom('accept' as const, 'accept' as const, 'decline' as const, 'cancel' as const),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('remove' as const), who }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constantFrom('check' as const, 'delete' as const), who: created }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constantFrom('email' as const, 'cancelEmail' as const), who }), weight: 2 },
  {
    arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 5_000, 61_000) }),
    weight: 2,
  },
  { arbitrary: fc.constant({ t: 'sweep' as const }), weight: 1 },
);

interface ModelFolder {
  id: string;
  parent: string | null;
  alive: boolean;
}
/** A member in the model: where it is, and its deletion and e-mail change state. */
interface ModelMember {
  folder: string;
  invited: boolean;
  checkAt?: number;
  deleteAt?: number;
  email?: { to: string; at: number };
}
interface ModelHandshake {
  id: string;
  target: number;
  folder: string;
  status: 'Pending' | 'Accepted' | 'Declined' | 'Cancelled';
  expiresAt: number;
}

const code = (r: Result<unknown, ApiFailure>): string => (r.ok ? 'ok' : r.error.code);

describe('directory members over time (property)', () => {
  it('every call answers as the model says, and the store ends as the model', async () => {
    let accepted = 0;
    let deleted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 15, maxLength: 50, size: 'max' }), async (cmds) => {
        const w = await directoryWorld();
        try {
          const folders: ModelFolder[] = [{ id: 'r-prop2', parent: null, alive: true }];
          const members = new Map<number, ModelMember>([
            [0, { folder: 'r-prop2', invited: false }],
            [1, { folder: 'r-prop2', invited: false }],
          ]);
          const names = new Map(w.ids.map((_id, i) => [i, `acct${i}@x.example`]));
          const gone = new Set<number>(); // deleted accounts: they no longer exist at all
          const handshakes: ModelHandshake[] = [];
          let seq = 0;
          const alive = () => folders.filter((f) => f.alive);
          const at = (i: number) => alive()[Math.min(i, alive().length - 1)]!;
          const depth = (f: ModelFolder): number =>
            f.parent === null ? 0 : 1 + depth(folders.find((p) => p.id === f.parent)!);
          /** What memberOf answers for account `i`. */
          const lookup = (i: number) =>
            members.has(i)
              ? 'ok'
              : gone.has(i)
                ? 'EntityNotExists.Account'
                : 'NotSupport.AccountInAnotherResourceDirectory';
          const now = () => w.clock.now();
          /** Deletions whose delay passed are carried out (by the sweeper or a status read). */
          const completeDue = () => {
            for (const [i, m] of members)
              if (m.deleteAt !== undefined && now() >= m.deleteAt + DELAY) {
                members.delete(i);
                gone.add(i);
              }
          };
          /** E-mail changes whose confirmation came are carried out. */
          const confirmDue = () => {
            for (const [i, m] of members)
              if (m.email && now() >= m.email.at + CONFIRM) {
                names.set(i, m.email.to);
                delete m.email;
              }
          };
          const latestHandshake = (i: number) => [...handshakes].reverse().find((h) => h.target === i);

          for (const c of cmds) {
            if (c.t === 'advance') {
              w.clock.advance(c.ms);
            } else if (c.t === 'sweep') {
              await w.deletion.settleDue();
              await w.mail.settleDue();
              completeDue();
              confirmDue();
            } else if (c.t === 'folder') {
              const parent = at(c.parent);
              const want = depth(parent) + 1 > MAX_FOLDER_DEPTH ? 'LimitExceeded.Folder.Depth' : 'ok';
              const r = await w.folders.create(w.dir, `f${seq++}`, parent.id);
              expect(code(r), JSON.stringify(c)).toBe(want);
              if (r.ok) folders.push({ id: r.value.id, parent: parent.id, alive: true });
            } else if (c.t === 'rmfolder') {
              const f = at(c.folder);
              const want =
                f.parent === null
                  ? 'InvalidParameter.FolderId'
                  : alive().some((x) => x.parent === f.id)
                    ? 'DeleteConflict.Folder.SubFolder'
                    : [...members.values()].some((m) => m.folder === f.id)
                      ? 'DeleteConflict.Folder.Account'
                      : 'ok';
              const r = await w.folders.remove(w.dir, f.id);
              expect(code(r), JSON.stringify(c)).toBe(want);
              if (r.ok) f.alive = false;
            } else if (c.t === 'move') {
              const f = at(c.folder);
              const r = await w.placement.move(w.dir, w.ids[c.who]!, f.id);
              expect(code(r), JSON.stringify(c)).toBe(lookup(c.who));
              if (r.ok) members.get(c.who)!.folder = f.id;
            } else if (c.t === 'invite') {
              const f = at(c.folder);
              const open = latestHandshake(c.who);
              const want = gone.has(c.who)
                ? 'InvalidParameter.TargetEntity'
                : members.has(c.who)
                  ? 'EntityAlreadyExists.ResourceDir.Account'
                  : open?.status === 'Pending' && now() < open.expiresAt
                    ? 'EntityAlreadyExists.Handshake'
                    : 'ok';
              const r = await w.invitations.invite(w.dir, {
                targetType: 'Account',
                targetEntity: w.ids[c.who]!,
                note: '',
                parentFolderId: f.id,
              });
              expect(code(r), JSON.stringify(c)).toBe(want);
              if (r.ok)
                handshakes.push({
                  id: r.value.id,
                  target: c.who,
                  folder: f.id,
                  status: 'Pending',
                  expiresAt: r.value.expires_at,
                });
            } else if (c.t === 'answer') {
              const h = latestHandshake(c.who);
              if (!h) continue;
              const pending = h.status === 'Pending' && now() < h.expiresAt;
              const to = ({ accept: 'Accepted', decline: 'Declined', cancel: 'Cancelled' } as const)[c.how];
              const r =
                c.how === 'cancel'
                  ? await w.invitations.cancel(w.dir, h.id)
                  : c.how === 'accept'
                    ? await w.invitations.accept(w.ids[c.who]!, h.id)
                    : await w.invitations.decline(w.ids[c.who]!, h.id);
              expect(code(r), JSON.stringify(c)).toBe(pending ? 'ok' : 'HandshakeStatusMismatch');
              if (!r.ok) continue;
              h.status = to;
              if (to === 'Accepted') {
                accepted++;
                const folder = folders.find((f) => f.id === h.folder)?.alive ? h.folder : 'r-prop2';
                members.set(c.who, { folder, invited: true });
              }
            } else if (c.t === 'remove') {
              const m = members.get(c.who);
              const member = await w.directory.memberOf(w.dir, w.ids[c.who]!);
              expect(code(member), JSON.stringify(c)).toBe(lookup(c.who));
              if (!member.ok) continue;
              const r = await w.deletion.removeCloudAccount(w.dir, member.value);
              expect(code(r), JSON.stringify(c)).toBe(m?.invited ? 'ok' : 'AccountTypeOrStatusMismatch');
              if (r.ok) members.delete(c.who);
            } else if (c.t === 'check' || c.t === 'delete') {
              const member = await w.directory.memberOf(w.dir, w.ids[c.who]!);
              expect(code(member), JSON.stringify(c)).toBe(lookup(c.who));
              if (!member.ok) continue;
              const m = members.get(c.who)!;
              let want: string;
              if (m.invited) want = 'MemberTypeError.DeleteAccount';
              else if (m.deleteAt !== undefined) want = 'ExistProcessingDeleteFlow.DeleteAccount';
              else if (c.t === 'check') want = 'ok';
              else if (m.checkAt === undefined) want = 'EntityNotExists.CheckAccount';
              else if (now() < m.checkAt + DELAY) want = 'NotSupportedOperation.CheckingAccount';
              else want = 'ok';
              const r =
                c.t === 'check'
                  ? await w.deletion.check(ADMIN, w.dir, member.value)
                  : await w.deletion.delete(ADMIN, w.dir, member.value);
              expect(code(r), JSON.stringify(c)).toBe(want);
              if (r.ok && c.t === 'check') m.checkAt = now();
              if (r.ok && c.t === 'delete') {
                m.deleteAt = now();
                deleted++;
              }
            } else {
              const member = await w.directory.memberOf(w.dir, w.ids[c.who]!);
              expect(code(member), JSON.stringify(c)).toBe(lookup(c.who));
              if (!member.ok) continue;
              const m = members.get(c.who)!;
              // A due confirmation is carried out by the next operation on the member's change.
              confirmDue();
              if (c.t === 'email') {
                const to = `new${seq++}@y.example`;
                const want = m.invited
                  ? 'NotSupport.InvitedAccount'
                  : m.email
                    ? 'NotSupportedOperation.Account.EmailModify'
                    : 'ok';
                const r = await w.mail.changeEmail(MANAGER, member.value, to);
                expect(code(r), JSON.stringify(c)).toBe(want);
                if (r.ok) m.email = { to, at: now() };
              } else {
                const r = await w.mail.cancelChangeEmail(w.ids[c.who]!);
                expect(code(r), JSON.stringify(c)).toBe(m.email ? 'ok' : 'EntityNotExists.EmailModifyRecord');
                delete m.email;
              }
            }
          }

          // The store holds exactly the model.
          await w.deletion.settleDue();
          await w.mail.settleDue();
          completeDue();
          confirmDue();
          for (const [i, id] of w.ids.entries()) {
            const got = await w.store.directory.getMember(id);
            const m = members.get(i);
            expect(got?.folder_id, `member ${i}`).toBe(m?.folder);
            if (m) expect(got?.type).toBe(m.invited ? 'CloudAccount' : 'ResourceAccount');
            const account = await w.store.directory.getAccount(id);
            expect(account?.account_name, `account ${i}`).toBe(gone.has(i) ? undefined : names.get(i));
          }
          for (const h of handshakes) {
            const got = (await w.store.lifecycle.getHandshake(h.id))!;
            const want = h.status === 'Pending' && now() >= h.expiresAt ? 'Expired' : h.status;
            expect(visibleStatus(got, now()), h.id).toBe(want);
          }
          for (const f of folders) expect((await w.folders.get(w.dir, f.id)).ok).toBe(f.alive);
        } finally {
          await w.store.close();
        }
      }),
      { numRuns: Number(process.env.LIFECYCLE_RUNS ?? 60) },
    );
    // The generator reaches the interesting transitions, not only refusals.
    expect(accepted).toBeGreaterThan(3);
    expect(deleted).toBeGreaterThan(3);
  }, 120_000);
});
