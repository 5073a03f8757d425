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
    const g: RamGroup = { id: newRamUserId(), account_id: accountId, name, comments, created_at: this.clock.now() };
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
}
