/**
 * Property-based test of the folder tree and member moves (fast-check): for any sequence of folder
 * creations, renames, deletions and member moves, each call succeeds or fails exactly as a model
 * says (depth limit, unique names under a parent, only empty non-root folders deleted, moves only
 * into existing folders), and afterwards the store holds exactly the model's tree and placements.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { ManualClock } from '../../src/lib/clock.js';
import { DirectoryService } from '../../src/domain/directory/directory.js';
import { FolderService, MAX_FOLDER_DEPTH } from '../../src/domain/directory/folders.js';
import { MemberService } from '../../src/domain/directory/members.js';

type Cmd =
  | { t: 'create'; parent: number; name: number }
  | { t: 'rename'; folder: number; name: number }
  | { t: 'delete'; folder: number }
  | { t: 'move'; member: number; folder: number };

const NAMES = ['a', 'b', 'c'];
/** Folder indexes: small values pick early folders, 99 the newest one (deep chains become likely). */
const pick = fc.oneof({ arbitrary: fc.nat(6), weight: 1 }, { arbitrary: fc.constant(99), weight: 3 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('create' as const), parent: pick, name: fc.nat(2) }), weight: 5 },
  { arbitrary: fc.record({ t: fc.constant('rename' as const), folder: pick, name: fc.nat(2) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('delete' as const), folder: pick }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('move' as const), member: fc.nat(1), folder: pick }), weight: 2 },
);

interface ModelFolder {
  id: string;
  parent: string | null;
  name: string;
  alive: boolean;
}

async function world() {
  const { store } = await openStore('sqlite::memory:');
  const clock = new ManualClock(1_700_000_000_000);
  const t = clock.now();
  const account = (id: string, name: string) =>
    store.directory.createAccount({
      id,
      account_name: `${name}@x`,
      display_name: name,
      secure_mobile_phone: null,
      secure_mobile_bound_at: null,
      created_at: t,
    });
  await account('1000000000000009', 'manager');
  await store.directory.createDirectory({
    id: 'rd-prop1',
    management_account_id: '1000000000000009',
    root_folder_id: 'r-prop1',
    created_at: t,
  });
  await store.directory.createFolder({
    id: 'r-prop1',
    directory_id: 'rd-prop1',
    parent_id: null,
    name: 'root',
    created_at: t,
  });
  const members = ['2000000000000001', '2000000000000002'];
  for (const id of members) {
    await account(id, `m${id}`);
    await store.directory.addMember({
      account_id: id,
      directory_id: 'rd-prop1',
      folder_id: 'r-prop1',
      type: 'ResourceAccount',
      join_method: 'created',
      status: 'CreateSuccess',
      display_name: `m${id}`,
      join_time: t,
      modify_time: t,
    });
  }
  const dir = (await store.directory.getDirectory('rd-prop1'))!;
  const directory = new DirectoryService(store, clock);
  return {
    store,
    dir,
    members,
    folders: new FolderService(store, clock),
    placement: new MemberService(store, clock, directory),
  };
}

describe('folder tree and moves (property)', () => {
  it('every call answers as the model says, and the store ends as the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 1, maxLength: 60 }), async (cmds) => {
        const w = await world();
        try {
          const model: ModelFolder[] = [{ id: 'r-prop1', parent: null, name: 'root', alive: true }];
          const where = new Map(w.members.map((m) => [m, 'r-prop1']));
          const alive = () => model.filter((f) => f.alive);
          const at = (i: number) => alive()[Math.min(i, alive().length - 1)]!;
          const depth = (f: ModelFolder): number =>
            f.parent === null ? 0 : 1 + depth(model.find((p) => p.id === f.parent)!);
          const taken = (parent: string, name: string, except?: string) =>
            alive().some((f) => f.parent === parent && f.name === name && f.id !== except);
          for (const c of cmds) {
            if (c.t === 'create') {
              const parent = at(c.parent);
              const name = NAMES[c.name]!;
              const want =
                depth(parent) + 1 > MAX_FOLDER_DEPTH
                  ? 'LimitExceeded.Folder.Depth'
                  : taken(parent.id, name)
                    ? 'InvalidParameter.Folder.Name.AlreadyUsed'
                    : 'ok';
              const r = await w.folders.create(w.dir, name, parent.id);
              expect(r.ok ? 'ok' : r.error.code).toBe(want);
              if (r.ok) model.push({ id: r.value.id, parent: parent.id, name, alive: true });
            } else if (c.t === 'rename') {
              const f = at(c.folder);
              const name = NAMES[c.name]!;
              const want =
                f.parent === null
                  ? 'InvalidParameter.FolderId'
                  : taken(f.parent, name, f.id)
                    ? 'InvalidParameter.Folder.Name.AlreadyUsed'
                    : 'ok';
              const r = await w.folders.rename(w.dir, f.id, name);
              expect(r.ok ? 'ok' : r.error.code).toBe(want);
              if (r.ok) f.name = name;
            } else if (c.t === 'delete') {
              const f = at(c.folder);
              const want =
                f.parent === null
                  ? 'InvalidParameter.FolderId'
                  : alive().some((x) => x.parent === f.id)
                    ? 'DeleteConflict.Folder.SubFolder'
                    : [...where.values()].includes(f.id)
                      ? 'DeleteConflict.Folder.Account'
                      : 'ok';
              const r = await w.folders.remove(w.dir, f.id);
              expect(r.ok ? 'ok' : r.error.code).toBe(want);
              if (r.ok) f.alive = false;
            } else {
              const m = w.members[c.member]!;
              const f = at(c.folder);
              const r = await w.placement.move(w.dir, m, f.id);
              expect(r.ok).toBe(true);
              where.set(m, f.id);
            }
          }
          for (const f of model) {
            const got = await w.folders.get(w.dir, f.id);
            expect(got.ok).toBe(f.alive);
            if (!got.ok) continue;
            expect([got.value.parent_id, got.value.name]).toEqual([f.parent, f.name]);
            expect((await w.folders.ancestors(got.value)).length).toBe(depth(f));
          }
          for (const [m, folder] of where) expect((await w.store.directory.getMember(m))?.folder_id).toBe(folder);
        } finally {
          await w.store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
