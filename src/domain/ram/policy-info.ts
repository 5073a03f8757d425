/** How a policy of either type is shown, and the failure for a policy that does not exist. */
import { failure, type ApiFailure } from '../../errors/catalog.js';
import { SYSTEM_POLICY_TEXTS } from '../../auth/policy/document.js';
import type { RamPolicy } from '../../store/ram-ports.js';

export type PolicyType = 'System' | 'Custom';

export const SYSTEM_POLICY_TIME = Date.UTC(2015, 3, 28, 0, 0, 0);

/** A policy as the API shows it, whichever its type. */
export interface PolicyInfo {
  type: PolicyType;
  name: string;
  description: string;
  defaultVersion: string;
  createdAt: number;
  updatedAt: number;
}

export const systemInfo = (name: string): PolicyInfo | undefined => {
  const t = SYSTEM_POLICY_TEXTS[name];
  return (
    t && {
      type: 'System',
      name,
      description: t.description,
      defaultVersion: 'v1',
      createdAt: SYSTEM_POLICY_TIME,
      updatedAt: SYSTEM_POLICY_TIME,
    }
  );
};
export const customInfo = (p: RamPolicy): PolicyInfo => ({
  type: 'Custom',
  name: p.name,
  description: p.description,
  defaultVersion: p.default_version,
  createdAt: p.created_at,
  updatedAt: p.updated_at,
});
export const noPolicy = (type: string, name: string): ApiFailure =>
  failure('EntityNotExist.Policy', `The ${type} policy ${name} does not exist.`);
