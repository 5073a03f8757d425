import { type AuthzEnv, authorize, policiesOf } from '../../auth/authorize.js';
import type { Principal } from '../../auth/principal.js';
import type { Directory, Member, Store } from '../../store/ports.js';
import type { FolderRow } from '../../store/folder-ports.js';
import type { Clock } from '../../lib/clock.js';
import type { ControlPolicyBoundary } from './control-policy-boundary.js';

/** The request's environment for the policy conditions (the time is the service's clock). */
export type CallEnv = Omit<AuthzEnv, 'now'>;

/** At most this many folders or members are judged per call (resdir's bound, docs/decisions.md). */
export const AUTHORIZED_SCAN_LIMIT = 10_000;
const PAGE = 500;

export interface PlacedFolder {
  folder: FolderRow;
  path: string;
}
export interface PlacedMember {
  member: Member;
  path: string;
}

/**
 * The folders and members of a directory that a caller of its management account (or of a delegated
 * administrator's account) may access:
 * a member when its policies allow resourcemanager:GetAccount on the member's ARN
 * (account/<ResourceDirectoryPath>), a folder when they allow resourcemanager:GetFolder on
 * folder/<ResourceDirectoryPath>. The root identity may access everything. A delegated
 * administrator's RAM identities are judged within the control policies that bind them, as every
 * call of theirs is.
 */
export class AuthorizedEntities {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly boundary: Pick<ControlPolicyBoundary, 'levelsFor'>,
  ) {}

  async folders(dir: Directory, principal: Principal, env: CallEnv): Promise<PlacedFolder[]> {
    const judge = await this.judge(dir, principal, env);
    const out: PlacedFolder[] = [];
    for (const f of await this.tree(dir)) {
      if (await judge('resourcemanager:GetFolder', `folder/${f.path}`)) out.push(f);
    }
    return out;
  }

  async accounts(dir: Directory, principal: Principal, env: CallEnv): Promise<PlacedMember[]> {
    const judge = await this.judge(dir, principal, env);
    const paths = new Map((await this.tree(dir)).map((f) => [f.folder.id, f.path]));
    const out: PlacedMember[] = [];
    for (let offset = 0; offset < AUTHORIZED_SCAN_LIMIT; offset += PAGE) {
      const page = await this.store.directory.listMembers(dir.id, offset, PAGE);
      for (const member of page.members) {
        const path = `${paths.get(member.folder_id) ?? `${dir.id}/${member.folder_id}`}/${member.account_id}`;
        if (await judge('resourcemanager:GetAccount', `account/${path}`)) out.push({ member, path });
      }
      if (page.members.length < PAGE) break;
    }
    return out;
  }

  /** Whether the caller's policies allow `action` on the directory entity `resource` (an ARN tail). */
  private async judge(dir: Directory, principal: Principal, env: CallEnv) {
    const policies = await policiesOf(this.store, principal);
    const arn = (tail: string) => `acs:resourcemanager::${principal.accountId}:${tail}`;
    const levels =
      dir.management_account_id === principal.accountId ? undefined : await this.boundary.levelsFor(principal);
    const bound = levels ? async () => levels : undefined;
    return async (action: string, tail: string): Promise<boolean> =>
      (await authorize(policies, principal, action, arn(tail), { ...env, now: this.clock.now() }, bound)) === undefined;
  }

  /** Every folder with its path: the root folder first, then breadth first, siblings oldest first. */
  private async tree(dir: Directory): Promise<PlacedFolder[]> {
    const root = await this.store.directory.getFolder(dir.root_folder_id);
    if (!root) return [];
    const out: PlacedFolder[] = [{ folder: root, path: `${dir.id}/${root.id}` }];
    for (let i = 0; i < out.length && out.length < AUTHORIZED_SCAN_LIMIT; i++) {
      const parent = out[i]!;
      for (let offset = 0; ; offset += PAGE) {
        const page = await this.store.folders.childFolders(parent.folder.id, undefined, offset, PAGE);
        for (const folder of page.folders) out.push({ folder, path: `${parent.path}/${folder.id}` });
        if (page.folders.length < PAGE) break;
      }
    }
    return out.slice(0, AUTHORIZED_SCAN_LIMIT);
  }
}
