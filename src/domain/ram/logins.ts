/**
 * RAM console logins: login profiles (password and flags) checked against the account's password
 * policy, ChangePassword for a user's own password, the account alias and the password policy.
 */
import { type ApiFailure, failure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { RamUser, Store } from '../../store/ports.js';
import type { RamLoginProfile } from '../../store/ram-ports.js';
import { hashPassword, type PasswordPolicy, passwordMatches, policyFrom, policyViolation } from './passwords.js';

export interface LoginFlags {
  passwordResetRequired?: boolean;
  mfaBindRequired?: boolean;
}

const noUser = (name: string): ApiFailure => failure('EntityNotExist.User', `The user ${name} does not exist.`);
const noProfile = (name: string): ApiFailure =>
  failure('EntityNotExist.User.LoginProfile', `The user ${name} has no login profile.`);

export class LoginService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Failures: EntityNotExist.User, InvalidParameter.Password, EntityAlreadyExists.User.LoginProfile. */
  async create(
    accountId: string,
    userName: string,
    password: string,
    flags: LoginFlags,
  ): Promise<Result<{ user: RamUser; profile: RamLoginProfile }, ApiFailure>> {
    const user = await this.store.identity.getUser(accountId, userName);
    if (!user) return err(noUser(userName));
    const weak = await this.weakness(accountId, password);
    if (weak) return err(weak);
    const now = this.clock.now();
    const profile: RamLoginProfile = {
      user_id: user.id,
      account_id: accountId,
      password_hash: await hashPassword(password),
      password_reset_required: flags.passwordResetRequired ? 1 : 0,
      mfa_bind_required: flags.mfaBindRequired ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    if (!(await this.store.ram.insertLoginProfile(profile))) {
      return err(failure('EntityAlreadyExists.User.LoginProfile', `The user ${userName} already has a login profile.`));
    }
    return ok({ user, profile });
  }

  /** Failures: EntityNotExist.User, EntityNotExist.User.LoginProfile. */
  async get(
    accountId: string,
    userName: string,
  ): Promise<Result<{ user: RamUser; profile: RamLoginProfile }, ApiFailure>> {
    const user = await this.store.identity.getUser(accountId, userName);
    if (!user) return err(noUser(userName));
    const profile = await this.store.ram.getLoginProfile(user.id);
    return profile ? ok({ user, profile }) : err(noProfile(userName));
  }

  /** Failures: those of `get`, and InvalidParameter.Password for a new password the policy refuses. */
  async update(
    accountId: string,
    userName: string,
    password: string | undefined,
    flags: LoginFlags,
  ): Promise<Result<{ user: RamUser; profile: RamLoginProfile }, ApiFailure>> {
    const current = await this.get(accountId, userName);
    if (!current.ok) return current;
    if (password !== undefined) {
      const weak = await this.weakness(accountId, password);
      if (weak) return err(weak);
    }
    await this.store.ram.updateLoginProfile(
      current.value.user.id,
      {
        ...(password !== undefined ? { password_hash: await hashPassword(password) } : {}),
        ...(flags.passwordResetRequired !== undefined
          ? { password_reset_required: flags.passwordResetRequired ? 1 : 0 }
          : {}),
        ...(flags.mfaBindRequired !== undefined ? { mfa_bind_required: flags.mfaBindRequired ? 1 : 0 } : {}),
      },
      this.clock.now(),
    );
    return this.get(accountId, userName);
  }

  /** Failures: EntityNotExist.User, EntityNotExist.User.LoginProfile. */
  async delete(accountId: string, userName: string): Promise<Result<void, ApiFailure>> {
    const current = await this.get(accountId, userName);
    if (!current.ok) return current;
    await this.store.ram.deleteLoginProfile(current.value.user.id);
    return ok(undefined);
  }

  /**
   * A RAM user changes its own password: the old one must match, the new one must meet the policy,
   * and a pending reset requirement is lifted. Failures: EntityNotExist.User.LoginProfile,
   * InvalidParameter.OldPassword, InvalidParameter.Password.
   */
  async changeOwn(accountId: string, userName: string, oldPassword: string, newPassword: string) {
    const current = await this.get(accountId, userName);
    if (!current.ok) return current;
    if (!(await passwordMatches(oldPassword, current.value.profile.password_hash))) {
      return err(failure('InvalidParameter.OldPassword', 'The old password is not correct.'));
    }
    const weak = await this.weakness(accountId, newPassword);
    if (weak) return err(weak);
    const patch = { password_hash: await hashPassword(newPassword), password_reset_required: 0 };
    await this.store.ram.updateLoginProfile(current.value.user.id, patch, this.clock.now());
    return ok(undefined);
  }

  async passwordPolicy(accountId: string): Promise<PasswordPolicy> {
    return policyFrom((await this.store.ram.getAccountSettings(accountId)).passwordPolicy);
  }

  /** Replaces the settings given, keeping the others. */
  async setPasswordPolicy(accountId: string, patch: Partial<PasswordPolicy>): Promise<PasswordPolicy> {
    const next = { ...(await this.passwordPolicy(accountId)), ...patch };
    await this.store.ram.setPasswordPolicy(accountId, JSON.stringify(next), this.clock.now());
    return next;
  }

  /** The alias, or the account ID when none is set. */
  async alias(accountId: string): Promise<string> {
    return (await this.store.ram.getAccountSettings(accountId)).alias ?? accountId;
  }

  /** Failure: EntityAlreadyExists.AccountAlias (another account has it). Null clears it. */
  async setAlias(accountId: string, alias: string | null): Promise<Result<void, ApiFailure>> {
    if (await this.store.ram.setAccountAlias(accountId, alias, this.clock.now())) return ok(undefined);
    return err(failure('EntityAlreadyExists.AccountAlias', `The alias ${alias} is taken by another account.`));
  }

  private async weakness(accountId: string, password: string): Promise<ApiFailure | undefined> {
    const why = policyViolation(password, await this.passwordPolicy(accountId));
    return why
      ? failure('InvalidParameter.Password', `The password does not meet the password policy. ${why}`)
      : undefined;
  }
}
