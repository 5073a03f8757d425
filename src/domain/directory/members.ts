import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Member, Store } from '../../store/ports.js';
import type { DirectoryService } from './directory.js';
import type { TagFilter } from '../../store/tag-ports.js';

/** How a list is paged: by page number, or (2022-04-19) by an opaque token. */
export type Paging =
  | { kind: 'page'; pageNumber: number; pageSize: number }
  | { kind: 'token'; maxResults: number; nextToken?: string };

export interface MemberPage {
  total: number;
  members: Member[];
  /** Token paging only: the token of the next page, '' when this was the last one. */
  nextToken?: string;
}

/** Statuses in which a member may be moved or changed (not while it is being created, promoted or removed). */
// A promotion that was cancelled, expired or failed leaves a working ResourceAccount.
const SETTLED = new Set([
  'CreateSuccess',
  'InviteSuccess',
  'PromoteSuccess',
  'SwitchSuccess',
  'PromoteCancelled',
  'PromoteExpired',
  'PromoteFailed',
]);

/** NextToken: base64url of `o:<offset>`; anything else is refused as InvalidParameter.NextToken. */
export const encodeToken = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');
export function decodeToken(token: string): number | undefined {
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m && encodeToken(Number(m[1])) === token ? Number(m[1]) : undefined;
}

/** Members as the directory places them: listing, moving between folders, renaming, switching type. */
export class MemberService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  /**
   * Members of `dir` (optionally of one folder and matching a keyword), by either paging.
   * Failure: InvalidParameter.NextToken (400).
   */
  async list(
    dir: Directory,
    filter: { folderId?: string; keyword?: string; tags?: readonly TagFilter[] },
    paging: Paging,
  ): Promise<Result<MemberPage, ApiFailure>> {
    const where = { directoryId: dir.id, ...filter };
    if (paging.kind === 'page') {
      const { pageNumber, pageSize } = paging;
      return ok(await this.store.folders.listMembers(where, (pageNumber - 1) * pageSize, pageSize));
    }
    const offset = paging.nextToken === undefined ? 0 : decodeToken(paging.nextToken);
    if (offset === undefined) return err(failure('InvalidParameter.NextToken'));
    const page = await this.store.folders.listMembers(where, offset, paging.maxResults);
    const next = offset + page.members.length;
    return ok({ ...page, nextToken: next < page.total ? encodeToken(next) : '' });
  }

  /**
   * Moves a member of `dir` into a folder of `dir`. Failures: those of memberOf,
   * EntityNotExists.Folder (404), AccountTypeOrStatusMismatch (409), ConcurrentCallNotSupported (429)
   * when another change moved the member in the meantime.
   */
  async move(dir: Directory, accountId: string, folderId: string): Promise<Result<Member, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const dest = await tx.folders.lockFolder(folderId);
      if (!dest || dest.directory_id !== dir.id) {
        return err(
          failure('EntityNotExists.Folder', `The folder ${folderId} does not exist in the resource directory.`),
        );
      }
      const member = await this.settled(dir, accountId);
      if (!member.ok) return member;
      const from = member.value.folder_id;
      if (from === folderId) return member;
      if (!(await tx.folders.moveMember(accountId, from, folderId, this.clock.now()))) {
        return err(failure('ConcurrentCallNotSupported'));
      }
      return this.reread(accountId);
    });
  }

  /** Renames a member. Failures: those of memberOf, InvalidParameter.Account.DisplayName.AlreadyUsed (409). */
  async rename(dir: Directory, accountId: string, displayName: string): Promise<Result<Member, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const member = await this.directory.memberOf(dir, accountId);
      if (!member.ok) return member;
      if (member.value.display_name === displayName) return member;
      if (!(await tx.folders.renameMember(accountId, displayName, this.clock.now()))) {
        return err(
          failure(
            'InvalidParameter.Account.DisplayName.AlreadyUsed',
            `The display name "${displayName}" is already used in the resource directory.`,
          ),
        );
      }
      return this.reread(accountId);
    });
  }

  /**
   * Switches a member between ResourceAccount and CloudAccount. A ResourceAccount becomes a
   * CloudAccount only with a secure mobile phone bound (it needs its own logon security).
   * Failures: those of memberOf, AccountTypeMismatch (409) when it is of that type already,
   * MissingSecurityInfo (409), AccountTypeOrStatusMismatch (409), ConcurrentCallNotSupported (429).
   */
  async switchType(
    dir: Directory,
    accountId: string,
    to: 'ResourceAccount' | 'CloudAccount',
  ): Promise<Result<Member, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      const member = await this.settled(dir, accountId);
      if (!member.ok) return member;
      const m = member.value;
      if (m.type === to)
        return err(failure('AccountTypeMismatch', `The member ${accountId} is already of type ${to}.`));
      if (to === 'CloudAccount' && m.account.secure_mobile_phone === null) {
        return err(
          failure(
            'MissingSecurityInfo',
            `Bind a secure mobile phone to the member ${accountId} before it becomes a CloudAccount.`,
          ),
        );
      }
      if (!(await tx.folders.setMemberType(accountId, m.type, to, this.clock.now()))) {
        return err(failure('ConcurrentCallNotSupported'));
      }
      return this.reread(accountId);
    });
  }

  /** A member of `dir` in a settled status. Failures: those of memberOf, AccountTypeOrStatusMismatch (409). */
  private async settled(dir: Directory, accountId: string): Promise<Result<Member, ApiFailure>> {
    const member = await this.directory.memberOf(dir, accountId);
    if (!member.ok) return member;
    if (!SETTLED.has(member.value.status)) {
      return err(
        failure(
          'AccountTypeOrStatusMismatch',
          `The member ${accountId} is in status ${member.value.status}, which does not allow this operation.`,
        ),
      );
    }
    return member;
  }

  private async reread(accountId: string): Promise<Result<Member, ApiFailure>> {
    const m = await this.store.directory.getMember(accountId);
    if (!m) throw new Error('member vanished inside its own transaction');
    return ok(m);
  }
}
