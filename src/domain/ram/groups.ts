/** RAM groups: creation and membership. A user's effective policies include its groups'. */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { newRamUserId } from '../../lib/ids.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamGroup } from '../../store/ram-ports.js';

export class GroupService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Failure: EntityAlreadyExists.Group. */
  async create(accountId: string, name: string, comments: string): Promise<Result<RamGroup, ApiFailure>> {
    const now = this.clock.now();
    const g: RamGroup = { id: newRamUserId(), account_id: accountId, name, comments, created_at: now, updated_at: now };
    return (await this.store.ram.insertGroup(g))
      ? ok(g)
      : err(failure('EntityAlreadyExists.Group', `The group ${name} already exists.`));
  }

  /** Failures: EntityNotExist.Group, EntityNotExist.User, EntityAlreadyExists.User.Group. */
  async addUser(accountId: string, groupName: string, userName: string): Promise<Result<void, ApiFailure>> {
    if (!(await this.store.ram.getGroup(accountId, groupName)))
      return err(failure('EntityNotExist.Group', `The group ${groupName} does not exist.`));
    if (!(await this.store.identity.getUser(accountId, userName)))
      return err(failure('EntityNotExist.User', `The user ${userName} does not exist.`));
    if (!(await this.store.ram.addUserToGroup(accountId, groupName, userName, this.clock.now()))) {
      return err(
        failure('EntityAlreadyExists.User.Group', `The user ${userName} is already in the group ${groupName}.`),
      );
    }
    return ok(undefined);
  }

  /** Failure: EntityNotExist.Group. */
  async get(accountId: string, name: string): Promise<Result<RamGroup, ApiFailure>> {
    const g = await this.store.ram.getGroup(accountId, name);
    return g ? ok(g) : err(noGroup(name));
  }

  list(accountId: string): Promise<RamGroup[]> {
    return this.store.ram.listGroups(accountId);
  }

  /** Renames and/or re-comments. Failures: EntityNotExist.Group, EntityAlreadyExists.Group. */
  async update(
    accountId: string,
    name: string,
    patch: { name?: string; comments?: string },
  ): Promise<Result<RamGroup, ApiFailure>> {
    const r = await this.store.ram.updateGroup(accountId, name, patch, this.clock.now());
    if (r === 'missing') return err(noGroup(name));
    if (r === 'taken') return err(failure('EntityAlreadyExists.Group', `The group ${patch.name} already exists.`));
    return this.get(accountId, patch.name ?? name);
  }

  /** Failures: EntityNotExist.Group, DeleteConflict.Group.User, DeleteConflict.Group.Policy. */
  async delete(accountId: string, name: string): Promise<Result<void, ApiFailure>> {
    const r = await this.store.ram.deleteGroup(accountId, name);
    if (r === 'missing') return err(noGroup(name));
    if (r === 'has-users') return err(failure('DeleteConflict.Group.User', `The group ${name} still has users.`));
    if (r === 'has-policies') {
      return err(failure('DeleteConflict.Group.Policy', `The group ${name} still has policies attached.`));
    }
    return ok(undefined);
  }

  /** Failures: EntityNotExist.Group, EntityNotExist.User, EntityNotExist.User.Group. */
  async removeUser(accountId: string, groupName: string, userName: string): Promise<Result<void, ApiFailure>> {
    if (!(await this.store.ram.getGroup(accountId, groupName))) return err(noGroup(groupName));
    if (!(await this.store.identity.getUser(accountId, userName)))
      return err(failure('EntityNotExist.User', `The user ${userName} does not exist.`));
    if (!(await this.store.ram.removeUserFromGroup(accountId, groupName, userName))) {
      return err(failure('EntityNotExist.User.Group', `The user ${userName} is not in the group ${groupName}.`));
    }
    return ok(undefined);
  }

  /** Failure: EntityNotExist.User. */
  async ofUser(
    accountId: string,
    userName: string,
  ): Promise<Result<Array<{ group: RamGroup; joinedAt: number }>, ApiFailure>> {
    if (!(await this.store.identity.getUser(accountId, userName)))
      return err(failure('EntityNotExist.User', `The user ${userName} does not exist.`));
    return ok(await this.store.ram.membershipsOfUser(accountId, userName));
  }

  /** Failure: EntityNotExist.Group. */
  async members(
    accountId: string,
    groupName: string,
  ): Promise<Result<Array<{ userName: string; displayName: string; joinedAt: number }>, ApiFailure>> {
    if (!(await this.store.ram.getGroup(accountId, groupName))) return err(noGroup(groupName));
    return ok(await this.store.ram.membersOfGroup(accountId, groupName));
  }
}

const noGroup = (name: string): ApiFailure => failure('EntityNotExist.Group', `The group ${name} does not exist.`);
