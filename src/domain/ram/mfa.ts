/**
 * RAM virtual MFA devices: created with a random TOTP seed (sealed at rest, returned once), bound
 * to a RAM user by two consecutive codes, unbound, deleted while unbound. A device bound to a user
 * that no longer exists counts as unbound.
 */
import { type ApiFailure, failure } from '../../errors/catalog.js';
import type { Clock } from '../../lib/clock.js';
import type { Keyring } from '../../lib/keyring.js';
import { err, ok, type Result } from '../../lib/result.js';
import type { RamUser, Store } from '../../store/ports.js';
import type { RamMfaDevice } from '../../store/ram-extras-ports.js';
import { newTotpSeed, stepOf, totpAt } from './totp.js';

export const mfaSerial = (accountId: string, name: string): string => `acs:ram::${accountId}:mfa/${name}`;

const noUser = (name: string): ApiFailure => failure('EntityNotExist.User', `The user ${name} does not exist.`);
const noDevice = (serial: string): ApiFailure =>
  failure('EntityNotExist.VirtualMFADevice', `The virtual MFA device ${serial} does not exist.`);
const noUserDevice = (name: string): ApiFailure =>
  failure('EntityNotExist.User.MFADevice', `The user ${name} has no MFA device.`);

export interface DeviceWithUser {
  device: RamMfaDevice;
  user: RamUser | undefined;
}

export class MfaService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly keyring: Keyring,
  ) {}

  /** Failure: EntityAlreadyExists.VirtualMFADevice. The seed is returned here only. */
  async create(accountId: string, name: string): Promise<Result<{ serial: string; seed: string }, ApiFailure>> {
    const seed = newTotpSeed();
    const serial = mfaSerial(accountId, name);
    const row: RamMfaDevice = {
      serial_number: serial,
      account_id: accountId,
      seed_enc: this.keyring.accessKeySecrets.seal(seed),
      user_id: null,
      last_step: null,
      activated_at: null,
      created_at: this.clock.now(),
    };
    if (!(await this.store.ramExtras.insertMfaDevice(row))) {
      return err(failure('EntityAlreadyExists.VirtualMFADevice', `The virtual MFA device ${serial} already exists.`));
    }
    return ok({ serial, seed });
  }

  /** The account's devices with the user each is bound to (undefined: unbound). */
  async list(accountId: string): Promise<DeviceWithUser[]> {
    const users = new Map((await this.store.ram.listUsers(accountId)).map((u) => [u.id, u]));
    return (await this.store.ramExtras.listMfaDevices(accountId)).map((device) => ({
      device,
      user: device.user_id === null ? undefined : users.get(device.user_id),
    }));
  }

  /** Failures: EntityNotExist.VirtualMFADevice, DeleteConflict.VirtualMFADevice.User (still bound). */
  async delete(accountId: string, serial: string): Promise<Result<void, ApiFailure>> {
    const device = await this.device(accountId, serial);
    if (!device) return err(noDevice(serial));
    const user = await this.boundUser(accountId, device);
    if (user) {
      return err(
        failure(
          'DeleteConflict.VirtualMFADevice.User',
          `The device is bound to the user ${user.name}; unbind it first.`,
        ),
      );
    }
    await this.store.ramExtras.deleteMfaDevice(serial);
    return ok(undefined);
  }

  /**
   * Binds a device to a user given two consecutive codes, the second of the current step or the one
   * before or after. Failures: EntityNotExist.User, EntityNotExist.VirtualMFADevice,
   * EntityAlreadyExists.User.MFADevice (the user has a device, or the device has a user),
   * InvalidParameter.AuthenticationCode.
   */
  async bind(accountId: string, userName: string, serial: string, code1: string, code2: string) {
    const user = await this.store.identity.getUser(accountId, userName);
    if (!user) return err(noUser(userName));
    const device = await this.device(accountId, serial);
    if (!device) return err(noDevice(serial));
    const holder = await this.boundUser(accountId, device);
    const own = await this.store.ramExtras.mfaDeviceOfUser(user.id);
    if (holder || own) {
      return err(
        failure(
          'EntityAlreadyExists.User.MFADevice',
          holder ? 'The MFA device is already bound to a user.' : `The user ${userName} already has an MFA device.`,
        ),
      );
    }
    const seed = this.keyring.accessKeySecrets.open(device.seed_enc);
    const now = stepOf(this.clock.now());
    const second = [now - 1, now, now + 1].find((s) => totpAt(seed, s - 1) === code1 && totpAt(seed, s) === code2);
    if (second === undefined) {
      return err(
        failure('InvalidParameter.AuthenticationCode', 'The authentication codes are not two consecutive valid codes.'),
      );
    }
    if (device.user_id !== null) await this.store.ramExtras.unbindMfaDevice(serial); // its user is gone
    if (!(await this.store.ramExtras.bindMfaDevice(serial, user.id, second, this.clock.now()))) {
      return err(failure('EntityAlreadyExists.User.MFADevice', 'The MFA device or the user was bound meanwhile.'));
    }
    return ok(undefined);
  }

  /** Failures: EntityNotExist.User, EntityNotExist.User.MFADevice. */
  async ofUser(accountId: string, userName: string): Promise<Result<RamMfaDevice, ApiFailure>> {
    const user = await this.store.identity.getUser(accountId, userName);
    if (!user) return err(noUser(userName));
    const device = await this.store.ramExtras.mfaDeviceOfUser(user.id);
    return device ? ok(device) : err(noUserDevice(userName));
  }

  /** Failures: those of `ofUser`. Returns the device that was unbound. */
  async unbind(accountId: string, userName: string): Promise<Result<RamMfaDevice, ApiFailure>> {
    const d = await this.ofUser(accountId, userName);
    if (!d.ok) return d;
    await this.store.ramExtras.unbindMfaDevice(d.value.serial_number);
    return d;
  }

  private async device(accountId: string, serial: string): Promise<RamMfaDevice | undefined> {
    const d = await this.store.ramExtras.getMfaDevice(serial);
    return d && d.account_id === accountId ? d : undefined;
  }

  private async boundUser(accountId: string, d: RamMfaDevice): Promise<RamUser | undefined> {
    if (d.user_id === null) return undefined;
    const id = d.user_id;
    return (await this.store.ram.listUsers(accountId)).find((u) => u.id === id);
  }
}
