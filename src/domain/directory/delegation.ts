import { failure, type ApiFailure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { Directory, Member, Store } from '../../store/ports.js';
import type { DelegationRow, EnabledService } from '../../store/tag-ports.js';
import type { DirectoryService } from './directory.js';
import { trustedServices, type TrustedService } from './trusted-services.js';

export interface Delegation {
  row: DelegationRow;
  member: Member;
}

/**
 * Delegated administrators of trusted services (the services listed in trusted-services.json). A
 * registration locks the directory before it counts the service's administrators, so racing
 * registrations cannot pass the service's limit. Only current members count and are listed: the
 * delegations of a member that left the directory are no longer shown.
 */
export class DelegationService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly directory: DirectoryService,
  ) {}

  /** Failure: InvalidParameter.ServicePrincipal (400) for a service that does not support delegation. */
  service(servicePrincipal: string): Result<TrustedService, ApiFailure> {
    const s = trustedServices().get(servicePrincipal);
    if (s) return ok(s);
    return err(
      failure(
        'InvalidParameter.ServicePrincipal',
        `The trusted service ${JSON.stringify(servicePrincipal.slice(0, 80))} does not exist or does not ` +
          'support delegated administrators.',
      ),
    );
  }

  /**
   * Makes a member a delegated administrator of a service. Failures: InvalidParameter.ServicePrincipal
   * (400), those of memberOf (404 / 409), AccountTypeMismatch (409) for the management account,
   * AccountAlreadyRegistered (409), AccountNumberExceeded (409).
   */
  async register(dir: Directory, accountId: string, servicePrincipal: string): Promise<Result<void, ApiFailure>> {
    const service = this.service(servicePrincipal);
    if (!service.ok) return service;
    if (accountId === dir.management_account_id) {
      return err(
        failure('AccountTypeMismatch', 'The management account cannot be a delegated administrator; choose a member.'),
      );
    }
    return this.store.atomically(async (tx) => {
      await tx.delegation.lockDirectory(dir.id);
      const member = await this.directory.memberOf(dir, accountId);
      if (!member.ok) return member;
      const current = await tx.delegation.delegations(dir.id, servicePrincipal);
      if (current.some((d) => d.account_id === accountId)) return err(alreadyRegistered(accountId));
      const max = service.value.maxDelegatedAdministrators;
      if (current.length >= max) {
        return err(
          failure(
            'AccountNumberExceeded',
            `${service.value.name} (${servicePrincipal}) accepts at most ${max} delegated administrator` +
              `${max === 1 ? '' : 's'}; deregister one first.`,
          ),
        );
      }
      const row = { directory_id: dir.id, service_principal: servicePrincipal, account_id: accountId };
      if (!(await tx.delegation.addDelegation({ ...row, enabled_at: this.clock.now() }))) {
        return err(alreadyRegistered(accountId));
      }
      return ok(undefined);
    });
  }

  /** Failures: InvalidParameter.ServicePrincipal (400), those of memberOf, AccountNotRegistered (409). */
  async deregister(dir: Directory, accountId: string, servicePrincipal: string): Promise<Result<void, ApiFailure>> {
    const service = this.service(servicePrincipal);
    if (!service.ok) return service;
    return this.store.atomically(async (tx) => {
      const member = await this.directory.memberOf(dir, accountId);
      if (!member.ok) return member;
      if (!(await tx.delegation.removeDelegation(dir.id, servicePrincipal, accountId))) {
        return err(
          failure(
            'AccountNotRegistered',
            `The account ${accountId} is not a delegated administrator of ${servicePrincipal}.`,
          ),
        );
      }
      return ok(undefined);
    });
  }

  /** The delegated administrators (of one service when given), oldest first, with their members. */
  async administrators(dir: Directory, servicePrincipal?: string): Promise<Result<Delegation[], ApiFailure>> {
    if (servicePrincipal !== undefined) {
      const service = this.service(servicePrincipal);
      if (!service.ok) return service;
    }
    const out: Delegation[] = [];
    for (const row of await this.store.delegation.delegations(dir.id, servicePrincipal)) {
      const member = await this.store.directory.getMember(row.account_id);
      if (member) out.push({ row, member });
    }
    return ok(out);
  }

  /**
   * The directory whose structure and members the account may read as a delegated administrator
   * (of any service, while still a member), or undefined. One indexed read, never cached, so a
   * deregistration or the member's departure applies to the next request.
   */
  administeredBy(accountId: string): Promise<Directory | undefined> {
    return this.store.delegation.administeredDirectory(accountId);
  }

  /** The services a member is a delegated administrator of. Failures: those of memberOf. */
  async servicesOf(dir: Directory, accountId: string): Promise<Result<EnabledService[], ApiFailure>> {
    const member = await this.directory.memberOf(dir, accountId);
    if (!member.ok) return member;
    return ok(await this.store.delegation.enabledServices(dir.id, accountId));
  }

  /**
   * The trusted services enabled in the directory: those with a delegated administrator (of
   * `adminAccountId` when given), enabled since their earliest delegation still in force.
   */
  async enabled(dir: Directory, adminAccountId?: string): Promise<Result<EnabledService[], ApiFailure>> {
    if (adminAccountId !== undefined) {
      const member = await this.directory.memberOf(dir, adminAccountId);
      if (!member.ok) return member;
    }
    return ok(await this.store.delegation.enabledServices(dir.id, adminAccountId));
  }
}

const alreadyRegistered = (accountId: string): ApiFailure =>
  failure('AccountAlreadyRegistered', `The account ${accountId} is already a delegated administrator of the service.`);
