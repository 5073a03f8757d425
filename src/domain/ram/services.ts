import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import type { Store } from '../../store/ports.js';
import { GroupService } from './groups.js';
import { LoginService } from './logins.js';
import { PolicyService } from './policies.js';
import { PolicyVersionService } from './policy-versions.js';
import { RoleService } from './roles.js';
import { StsService } from './sts.js';
import { UserService } from './users.js';
import { KeyUsageTracker } from './key-usage.js';
import { MfaService } from './mfa.js';
import { SecurityPreferenceService } from './security-preference.js';
import { RamTagService } from './tags.js';

/** The RAM and STS domain services the operations use. */
export interface IdentityServices {
  users: UserService;
  roles: RoleService;
  policies: PolicyService;
  groups: GroupService;
  policyVersions: PolicyVersionService;
  logins: LoginService;
  sts: StsService;
  mfa: MfaService;
  securityPreference: SecurityPreferenceService;
  /** In-memory AccessKey last use, flushed to the store by a timer (see key-usage.ts). */
  keyUsage: KeyUsageTracker;
  tags: RamTagService;
}

export function identityServices(store: Store, clock: Clock, keyring: Keyring): IdentityServices {
  const policies = new PolicyService(store, clock);
  return {
    users: new UserService(store, clock, keyring),
    roles: new RoleService(store, clock),
    policies,
    policyVersions: new PolicyVersionService(store, clock, policies),
    logins: new LoginService(store, clock),
    groups: new GroupService(store, clock),
    sts: new StsService(store, clock, keyring),
    mfa: new MfaService(store, clock, keyring),
    securityPreference: new SecurityPreferenceService(store, clock),
    keyUsage: new KeyUsageTracker(store),
    tags: new RamTagService(store, clock),
  };
}
