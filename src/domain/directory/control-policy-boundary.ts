/**
 * Enforcement of control policies. Contract:
 * - they bind the RAM users and assumed roles of a member account while the directory's control
 *   policy switch reads Enabled; never the root identity of an account (EffectScope RAM), never any
 *   identity of the management account, never an account outside a directory;
 * - the member and every folder above it up to the root folder are levels; at each level the
 *   policies attached there (FullAliyunAccess unless detached, and custom ones) are evaluated with the
 *   same language, action, resource and condition keys as RAM policies;
 * - an explicit Deny at any level refuses; a level where no statement allows refuses too; otherwise
 *   the control policies let the call through (RAM policies must still allow it): auth/authorize.ts.
 * Nothing is cached but parsed documents (by their text), so a change applies to the next request.
 */
import type { Principal } from '../../auth/principal.js';
import type { PolicyDocument } from '../../auth/policy/document.js';
import { trustedDocument } from '../../auth/policy/parse.js';
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/ports.js';
import { effectiveStatus, SYSTEM_POLICY_DOCUMENT } from './control-policy-rules.js';

/** Folder walks stop here whatever the data says (root + five levels + slack). */
const WALK_LIMIT = 8;
const PARSED_LIMIT = 512;

/** The documents at each level: the member first, the root folder last. */
export type BoundaryLevels = PolicyDocument[][];

export class ControlPolicyBoundary {
  private readonly parsed = new Map<string, PolicyDocument>();
  private readonly system = trustedDocument(SYSTEM_POLICY_DOCUMENT);

  constructor(
    private readonly store: Pick<Store, 'controlPolicies' | 'directory'>,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  /**
   * The levels that bind the principal, or undefined when none does. For an identity of the
   * management account or of an account outside any directory this is one indexed read.
   */
  async levelsFor(principal: Principal): Promise<BoundaryLevels | undefined> {
    if (principal.kind === 'root') return undefined;
    const scope = await this.store.controlPolicies.scopeOf(principal.accountId);
    if (!scope || scope.managementAccountId === principal.accountId) return undefined;
    if (effectiveStatus(scope.switch, this.clock.now(), this.delayMs) !== 'Enabled') return undefined;
    const chain = [principal.accountId];
    let folderId: string | null = scope.folderId;
    for (let i = 0; folderId !== null && i < WALK_LIMIT; i++) {
      const f = await this.store.directory.getFolder(folderId);
      if (!f || f.directory_id !== scope.directoryId) break;
      chain.push(f.id);
      folderId = f.parent_id;
    }
    const customs = await this.store.controlPolicies.customAttachments(scope.directoryId, chain);
    const detached = await this.store.controlPolicies.systemDetached(scope.directoryId, chain);
    return chain.map((target) => [
      ...(detached.has(target) ? [] : [this.system]),
      ...customs.filter((a) => a.targetId === target).map((a) => this.parse(a.policy.document)),
    ]);
  }

  private parse(text: string): PolicyDocument {
    const hit = this.parsed.get(text);
    if (hit) return hit;
    const doc = trustedDocument(text);
    if (this.parsed.size >= PARSED_LIMIT) this.parsed.clear();
    this.parsed.set(text, doc);
    return doc;
  }
}
