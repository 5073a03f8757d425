/**
 * Invitations (handshakes) to join a resource directory as a CloudAccount member.
 *
 * Contracts: at most one Pending handshake per (directory, invited account), also under concurrent
 * invitations (a partial unique index); a Pending handshake reads as Expired once `expiryMs` has
 * passed and can then no longer be settled. Accept, Decline and Cancel move Pending to their state
 * in one guarded statement, so of racing calls exactly one wins and the others get
 * HandshakeStatusMismatch; Accept adds the member in the same transaction. A handshake is visible
 * only to its directory's management account and to the invited account (EntityNotExists.Handshake
 * for everyone else).
 */
import { randomInt } from 'node:crypto';
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { Handshake } from '../../store/lifecycle-ports.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const newHandshakeId = (): string => `h-${Array.from({ length: 16 }, () => ALNUM[randomInt(ALNUM.length)]).join('')}`;
const EMAIL = /^[^\s@]{1,64}@[A-Za-z0-9.-]{1,63}$/;

export interface Invitation {
  targetType: 'Account' | 'Email';
  targetEntity: string;
  note: string;
  parentFolderId?: string;
}

/** The status a caller sees: Pending past its expiry reads as Expired. */
export const visibleStatus = (h: Handshake, now: number): string =>
  h.status === 'Pending' && h.expires_at <= now ? 'Expired' : h.status;

const notFound = (id: string) => failure('EntityNotExists.Handshake', `The invitation ${id} does not exist.`);
const mismatch = (h: Handshake, now: number) =>
  failure('HandshakeStatusMismatch', `The invitation ${h.id} is ${visibleStatus(h, now)}, not Pending.`);

export class Invitations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly expiryMs: number,
  ) {}

  now(): number {
    return this.clock.now();
  }

  /**
   * Failures: InvalidParameter.TargetEntity (400; malformed or no such account), EntityNotExists.Folder,
   * EntityAlreadyExists.ResourceDir.Account, NotSupport.AccountInAnotherResourceDirectory,
   * EntityAlreadyExists.Handshake.
   */
  async invite(dir: Directory, inv: Invitation): Promise<Result<Handshake, ApiFailure>> {
    const badTarget = (why: string) => err(failure('InvalidParameter.TargetEntity', why));
    const byId = inv.targetType === 'Account';
    if (byId ? !/^\d{16}$/.test(inv.targetEntity) : !EMAIL.test(inv.targetEntity))
      return badTarget(byId ? 'TargetEntity must be a 16-digit account ID.' : 'TargetEntity must be a logon e-mail.');
    const targetId = byId
      ? (await this.store.directory.getAccount(inv.targetEntity))?.id
      : await this.store.lifecycle.accountIdByName(inv.targetEntity);
    if (!targetId) return badTarget(`No Alibaba Cloud account is ${inv.targetEntity}.`);
    if (inv.parentFolderId !== undefined) {
      const folder = await this.store.directory.getFolder(inv.parentFolderId);
      if (!folder || folder.directory_id !== dir.id) return err(failure('EntityNotExists.Folder'));
    }
    const now = this.clock.now();
    return this.store.atomically(async (tx) => {
      const member = await tx.directory.getMember(targetId);
      if (member?.directory_id === dir.id || targetId === dir.management_account_id)
        return err(failure('EntityAlreadyExists.ResourceDir.Account'));
      if (member || (await tx.directory.directoryOfManager(targetId)))
        return err(
          failure(
            'NotSupport.AccountInAnotherResourceDirectory',
            `The account ${inv.targetEntity} belongs to another resource directory.`,
          ),
        );
      await tx.lifecycle.expirePending(dir.id, targetId, now);
      const h: Handshake = {
        id: newHandshakeId(),
        directory_id: dir.id,
        management_account_id: dir.management_account_id,
        target_entity: inv.targetEntity,
        target_type: inv.targetType,
        target_account_id: targetId,
        parent_folder_id: inv.parentFolderId ?? null,
        note: inv.note,
        status: 'Pending',
        created_at: now,
        modified_at: now,
        expires_at: now + this.expiryMs,
      };
      if (!(await tx.lifecycle.insertHandshake(h))) return err(failure('EntityAlreadyExists.Handshake'));
      return ok(h);
    });
  }

  /**
   * A handshake the caller's account may see (as management account or as invitee). Failure: EntityNotExists.Handshake.
   */
  async visible(accountId: string, id: string): Promise<Result<Handshake, ApiFailure>> {
    const h = await this.store.lifecycle.getHandshake(id);
    if (!h) return err(notFound(id));
    if (h.target_account_id === accountId) return ok(h);
    const dir = await this.store.directory.directoryOfManager(accountId);
    return dir?.id === h.directory_id ? ok(h) : err(notFound(id));
  }

  /**
   * The invitee joins as a CloudAccount member (in the invitation's folder if it still exists).
   * Failures: EntityNotExists.Handshake, HandshakeStatusMismatch, NotSupport.AccountInAnotherResourceDirectory.
   */
  async accept(accountId: string, id: string): Promise<Result<Handshake, ApiFailure>> {
    const h = await this.store.lifecycle.getHandshake(id);
    if (!h || h.target_account_id !== accountId) return err(notFound(id));
    const now = this.clock.now();
    return this.store.atomically(async (tx) => {
      if (!(await tx.lifecycle.settleHandshake(id, 'Accepted', now))) return err(mismatch(h, now));
      const dir = await tx.directory.getDirectory(h.directory_id);
      if (!dir) return err(mismatch(h, now));
      if ((await tx.directory.getMember(accountId)) || (await tx.directory.directoryOfManager(accountId)))
        return err(
          failure(
            'NotSupport.AccountInAnotherResourceDirectory',
            'The account already belongs to a resource directory.',
          ),
        );
      const account = await tx.directory.getAccount(accountId);
      if (!account) throw new Error('an authenticated account has no account row');
      const folder = h.parent_folder_id ? await tx.directory.getFolder(h.parent_folder_id) : undefined;
      const folderId = folder?.directory_id === dir.id ? folder.id : dir.root_folder_id;
      for (const displayName of [account.display_name, `${account.display_name.slice(0, 40)}-${accountId.slice(-6)}`]) {
        const added = await tx.directory.addMember({
          account_id: accountId,
          directory_id: dir.id,
          folder_id: folderId,
          type: 'CloudAccount',
          join_method: 'invited',
          status: 'InviteSuccess',
          display_name: displayName,
          join_time: now,
          modify_time: now,
        });
        if (added) return ok({ ...h, status: 'Accepted', modified_at: now });
      }
      return err(failure('NotSupport.AccountInAnotherResourceDirectory'));
    });
  }

  /** Failures: EntityNotExists.Handshake, HandshakeStatusMismatch. */
  async decline(accountId: string, id: string): Promise<Result<Handshake, ApiFailure>> {
    const h = await this.store.lifecycle.getHandshake(id);
    if (!h || h.target_account_id !== accountId) return err(notFound(id));
    return this.settle(h, 'Declined');
  }

  /** Failures: EntityNotExists.Handshake, HandshakeStatusMismatch. */
  async cancel(dir: Directory, id: string): Promise<Result<Handshake, ApiFailure>> {
    const h = await this.store.lifecycle.getHandshake(id);
    if (!h || h.directory_id !== dir.id) return err(notFound(id));
    return this.settle(h, 'Cancelled');
  }

  private async settle(h: Handshake, to: 'Declined' | 'Cancelled'): Promise<Result<Handshake, ApiFailure>> {
    const now = this.clock.now();
    if (!(await this.store.lifecycle.settleHandshake(h.id, to, now))) return err(mismatch(h, now));
    return ok({ ...h, status: to, modified_at: now });
  }

  list(by: { directoryId: string } | { targetAccountId: string }, pageNumber: number, pageSize: number) {
    return this.store.lifecycle.listHandshakes(by, (pageNumber - 1) * pageSize, pageSize);
  }
}
