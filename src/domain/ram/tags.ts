/**
 * Tags on RAM roles and custom policies (TagResources, UntagResources, ListTagResources). Limits
 * (the SDK model's): 50 resource names and 20 tags or tag keys per request, keys up to 128
 * characters, values up to 256, and at most 20 tags on one resource. Keys starting with `acs:` or
 * `aliyun` are reserved.
 */
import { type ApiFailure, failure } from '../../errors/catalog.js';
import { type AuthzEnv, authorize, policiesOf } from '../../auth/authorize.js';
import type { Principal } from '../../auth/principal.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Store } from '../../store/ports.js';
import type { RamTagResourceType } from '../../store/ram-extras-ports.js';

export const MAX_TAGS_PER_RESOURCE = 20;

/** The ARN of a role (lower-cased, as in RAM ARNs) or a policy, `*` for all of the type. */
export const ramTagArn = (uid: string, type: RamTagResourceType, name: string): string =>
  `acs:ram::${uid}:${type}/${type === 'role' ? name.toLowerCase() : name}`;

export interface Tag {
  key: string;
  value: string;
}

export interface TaggedResource {
  name: string;
  id: string;
}

export class RamTagService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** The resources by name; failure EntityNotExist.Role / EntityNotExist.Policy for the first missing one. */
  async resolve(
    accountId: string,
    type: RamTagResourceType,
    names: readonly string[],
  ): Promise<Result<TaggedResource[], ApiFailure>> {
    const out: TaggedResource[] = [];
    for (const name of names) {
      const r = await this.lookup(accountId, type, name);
      if (!r) {
        return err(
          type === 'role'
            ? failure('EntityNotExist.Role', `The role ${name} does not exist.`)
            : failure('EntityNotExist.Policy', `The custom policy ${name} does not exist.`),
        );
      }
      out.push(r);
    }
    return ok(out);
  }

  /** Failure: LimitExceeded.Tags when a resource would carry more than 20 tags. Run inside Store.atomically. */
  async tag(
    accountId: string,
    type: RamTagResourceType,
    resources: readonly TaggedResource[],
    tags: readonly Tag[],
  ): Promise<Result<void, ApiFailure>> {
    // Serializes taggers of one account, so that two concurrent calls cannot pass the limit together.
    await this.store.ram.lockIdentity(accountId, null);
    const ids = resources.map((r) => r.id);
    const existing = await this.store.ramExtras.listTags(accountId, type, ids);
    for (const r of resources) {
      const keys = new Set(existing.filter((t) => t.resource_id === r.id).map((t) => t.tag_key));
      for (const t of tags) keys.add(t.key);
      if (keys.size > MAX_TAGS_PER_RESOURCE) {
        return err(failure('LimitExceeded.Tags', `The ${type} ${r.name} would carry more than 20 tags.`));
      }
    }
    await this.store.ramExtras.putTags(accountId, type, ids, tags, this.clock.now());
    return ok(undefined);
  }

  async untag(
    accountId: string,
    type: RamTagResourceType,
    resources: readonly TaggedResource[],
    keys: readonly string[] | 'all',
  ): Promise<void> {
    await this.store.ramExtras.removeTags(
      accountId,
      type,
      resources.map((r) => r.id),
      keys,
    );
  }

  /**
   * Every resource named beyond the first (which the pipeline authorized) is authorized too, so
   * that a Deny on one role or policy holds whatever else the call names.
   */
  async authorizeEach(
    principal: Principal,
    action: string,
    type: RamTagResourceType,
    names: readonly string[],
    env: AuthzEnv,
  ): Promise<ApiFailure | undefined> {
    const policies = await policiesOf(this.store, principal);
    for (const name of names.slice(1)) {
      const denied = await authorize(policies, principal, action, ramTagArn(principal.accountId, type, name), env);
      if (denied) return denied;
    }
    return undefined;
  }

  /** Tags of the resources given, or of every existing resource of the type, by resource name then key. */
  async list(accountId: string, type: RamTagResourceType, resources?: readonly TaggedResource[]) {
    const all = resources ?? (await this.everything(accountId, type));
    const byId = new Map(all.map((r) => [r.id, r.name]));
    const rows = await this.store.ramExtras.listTags(
      accountId,
      type,
      all.map((r) => r.id),
    );
    return rows
      .filter((t) => byId.has(t.resource_id))
      .map((t) => ({ name: byId.get(t.resource_id)!, key: t.tag_key, value: t.tag_value }))
      .sort((a, b) => (a.name === b.name ? cmp(a.key, b.key) : cmp(a.name, b.name)));
  }

  private async lookup(accountId: string, type: RamTagResourceType, name: string) {
    if (type === 'role') {
      const role = await this.store.ram.getRole(accountId, name);
      return role && { name: role.name, id: role.id };
    }
    const p = await this.store.ram.getPolicy(accountId, name);
    return p && { name: p.name, id: `${p.name}@${p.created_at}` };
  }

  private async everything(accountId: string, type: RamTagResourceType): Promise<TaggedResource[]> {
    if (type === 'role') return (await this.store.ram.listRoles(accountId)).map((r) => ({ name: r.name, id: r.id }));
    return (await this.store.ram.listPolicies(accountId)).map((p) => ({
      name: p.name,
      id: `${p.name}@${p.created_at}`,
    }));
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
