import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Store } from '../../store/ports.js';
import type { TagFilter, TagRow, TaggedType } from '../../store/tag-ports.js';
import { decodeToken, encodeToken } from './members.js';
import { MAX_TAGS_PER_RESOURCE } from './tag-rules.js';

/** One page of a token-paged tag listing. */
export interface TagPage<T> {
  items: T[];
  /** '' on the last page. */
  nextToken: string;
}

const notFound = (type: TaggedType, id: string): ApiFailure =>
  type === 'Account'
    ? failure('EntityNotExists.Account', `The account ${id} is not a member of the resource directory.`)
    : failure('EntityNotExists.Folder', `The folder ${id} does not exist in the resource directory.`);

/**
 * Tags on the members and folders of a directory. A change locks each resource it touches (in ID
 * order, so two changes cannot deadlock) before it counts that resource's tags, so racing changes
 * cannot together pass the per-resource limit.
 */
export class TagService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Sets tags on every resource (a key it has gets the new value). All or nothing. Failures:
   * EntityNotExists.Account / .Folder (404), LimitExceeded.TagsPerResource (409).
   */
  async tag(
    dir: Directory,
    type: TaggedType,
    ids: readonly string[],
    tags: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      for (const id of [...new Set(ids)].sort()) {
        if (!(await this.lockOwn(dir, type, id))) return err(notFound(type, id));
        const keys = new Set((await tx.tags.tagsOf(type, [id])).map((t) => t.tag_key));
        for (const t of tags) keys.add(t.key);
        if (keys.size > MAX_TAGS_PER_RESOURCE) {
          return err(
            failure(
              'LimitExceeded.TagsPerResource',
              `The ${type === 'Account' ? 'account' : 'folder'} ${id} would have ${keys.size} tags; at most ` +
                `${MAX_TAGS_PER_RESOURCE} are allowed.`,
            ),
          );
        }
        const now = this.clock.now();
        for (const t of tags) {
          await tx.tags.putTag({
            directory_id: dir.id,
            resource_type: type,
            resource_id: id,
            tag_key: t.key,
            tag_value: t.value,
            created_at: now,
          });
        }
      }
      return ok(undefined);
    });
  }

  /** Removes the keys (every tag when `keys` is 'all') from every resource. Failures: as `tag`'s 404s. */
  async untag(
    dir: Directory,
    type: TaggedType,
    ids: readonly string[],
    keys: readonly string[] | 'all',
  ): Promise<Result<void, ApiFailure>> {
    return this.store.atomically(async (tx) => {
      for (const id of [...new Set(ids)].sort()) {
        if (!(await this.lockOwn(dir, type, id))) return err(notFound(type, id));
        await tx.tags.removeTags(type, id, keys === 'all' ? undefined : keys);
      }
      return ok(undefined);
    });
  }

  /** Keeps an invitation's tags until it is accepted (`adoptInvitationTags`). */
  async tagInvitation(
    dir: Directory,
    handshakeId: string,
    tags: ReadonlyArray<{ key: string; value: string }>,
  ): Promise<void> {
    const now = this.clock.now();
    for (const t of tags) {
      await this.store.tags.putTag({
        directory_id: dir.id,
        resource_type: 'Handshake',
        resource_id: handshakeId,
        tag_key: t.key,
        tag_value: t.value,
        created_at: now,
      });
    }
  }

  /** The accepted invitation's tags become the new member's (call in the acceptance's transaction). */
  async adoptInvitationTags(handshakeId: string, accountId: string): Promise<void> {
    for (const t of await this.store.tags.tagsOf('Handshake', [handshakeId])) {
      await this.store.tags.putTag({ ...t, resource_type: 'Account', resource_id: accountId });
    }
    await this.store.tags.removeTags('Handshake', handshakeId);
  }

  /** The tags of each resource, as the wire shows them ({Key, Value}), in key order. */
  async tagsOf(type: TaggedType, ids: readonly string[]): Promise<Map<string, Array<{ Key: string; Value: string }>>> {
    const out = new Map<string, Array<{ Key: string; Value: string }>>(ids.map((id) => [id, []]));
    for (const t of await this.store.tags.tagsOf(type, ids)) {
      out.get(t.resource_id)?.push({ Key: t.tag_key, Value: t.tag_value });
    }
    return out;
  }

  /** Tag rows of the directory, optionally of some resources and matching some tags. */
  async resources(
    dir: Directory,
    type: TaggedType,
    filter: { resourceIds?: readonly string[]; tags?: readonly TagFilter[] },
    maxResults: number,
    nextToken: string | undefined,
  ): Promise<Result<TagPage<TagRow>, ApiFailure>> {
    return this.paged(nextToken, maxResults, (offset, limit) =>
      this.store.tags.tagResources({ directoryId: dir.id, type, ...filter }, offset, limit),
    );
  }

  /** The distinct tag keys of the directory's resources of `type`, optionally containing `filter`. */
  async keys(dir: Directory, type: TaggedType, filter: string | undefined, max: number, token: string | undefined) {
    return this.paged(token, max, (offset, limit) => this.store.tags.tagKeys(dir.id, type, filter, offset, limit));
  }

  /** The distinct values of `key`, optionally containing `filter`. */
  async values(
    dir: Directory,
    type: TaggedType,
    key: string,
    filter: string | undefined,
    max: number,
    token: string | undefined,
  ) {
    return this.paged(token, max, (offset, limit) =>
      this.store.tags.tagValues(dir.id, type, key, filter, offset, limit),
    );
  }

  /** Failure: InvalidParameter.NextToken (400). Reads one item more than a page to know whether one follows. */
  private async paged<T>(
    token: string | undefined,
    max: number,
    read: (offset: number, limit: number) => Promise<T[]>,
  ): Promise<Result<TagPage<T>, ApiFailure>> {
    const offset = token === undefined ? 0 : decodeToken(token);
    if (offset === undefined) return err(failure('InvalidParameter.NextToken'));
    const rows = await read(offset, max + 1);
    const items = rows.slice(0, max);
    return ok({ items, nextToken: rows.length > max ? encodeToken(offset + max) : '' });
  }

  /** Locks the resource when it belongs to `dir`; false when it does not exist there. */
  private async lockOwn(dir: Directory, type: TaggedType, id: string): Promise<boolean> {
    if (!(await this.store.tags.lockResource(type, id))) return false;
    if (type === 'Account') return (await this.store.directory.getMember(id))?.directory_id === dir.id;
    return (await this.store.directory.getFolder(id))?.directory_id === dir.id;
  }
}
