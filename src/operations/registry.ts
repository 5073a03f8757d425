import type { OperationSpec } from './define.js';
import { resourceDirectoryOperations } from './resourcedirectory/index.js';
import { ramOperations } from './ram/index.js';
import { stsOperations } from './sts/index.js';
import { actionTrailOperations } from './actiontrail/index.js';

export const ALL_OPERATIONS: readonly OperationSpec[] = [
  ...resourceDirectoryOperations,
  ...ramOperations,
  ...stsOperations,
  ...actionTrailOperations,
];

/** Looks operations up by (Version, Action). */
export class OperationRegistry {
  private readonly byKey = new Map<string, OperationSpec>();
  private readonly versions = new Set<string>();

  constructor(ops: readonly OperationSpec[] = ALL_OPERATIONS) {
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

  find(version: string, action: string): OperationSpec | undefined {
    return this.byKey.get(`${version} ${action}`);
  }
}
