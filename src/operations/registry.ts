import { type OfficialApi, readOfficialApis } from '../coverage/official.js';
import type { Operation } from './define.js';
import { resourceDirectoryOperations } from './resourcedirectory/index.js';
import { controlPolicyOperations } from './controlpolicy/index.js';
import { ramOperations } from './ram/index.js';
import { stsOperations } from './sts/index.js';
import { actionTrailOperations } from './actiontrail/index.js';

export const ALL_OPERATIONS: readonly Operation[] = [
  ...resourceDirectoryOperations,
  ...controlPolicyOperations,
  ...ramOperations,
  ...stsOperations,
  ...actionTrailOperations,
];

/** Looks operations up by (Version, Action). */
export class OperationRegistry {
  private readonly byKey = new Map<string, Operation>();
  private readonly versions = new Set<string>();

  private readonly official = new Set<string>();

  /** `official`: every operation of the official API per version (see coverage/official.ts). */
  constructor(ops: readonly Operation[] = ALL_OPERATIONS, official: readonly OfficialApi[] = readOfficialApis()) {
    for (const api of official) for (const a of api.actions) this.official.add(`${api.version} ${a}`);
    for (const op of ops) {
      for (const v of op.versions) {
        this.byKey.set(`${v} ${op.action}`, op);
        this.versions.add(v);
      }
    }
  }

  allVersions(): string[] {
    return [...this.versions].sort();
  }

  knowsVersion(version: string): boolean {
    return this.versions.has(version);
  }

  /** True for an operation of the official API that resdir does not serve (yet). */
  isUnimplemented(version: string, action: string): boolean {
    return this.official.has(`${version} ${action}`) && !this.byKey.has(`${version} ${action}`);
  }

  find(version: string, action: string): Operation | undefined {
    return this.byKey.get(`${version} ${action}`);
  }
}
