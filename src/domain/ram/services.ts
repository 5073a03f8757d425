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

/** The RAM and STS domain services the operations use. */
export interface IdentityServices {
  users: UserService;
  roles: RoleService;
  policies: PolicyService;
  groups: GroupService;
  policyVersions: PolicyVersionService;
  logins: LoginService;
  sts: StsService;
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
  };
}
