/**
 * The store's primitives for RAM virtual MFA devices, security preferences, AccessKey last use and
 * RAM tags. "→ boolean" writes report whether they changed a row.
 */
import type { RamMfaDevicesTable, RamTagsTable } from './ram-extras-schema.js';

export type RamMfaDevice = RamMfaDevicesTable;
export type RamTag = RamTagsTable;
export type RamTagResourceType = RamTagsTable['resource_type'];

export interface RamExtrasRepo {
  /** False when the serial number is taken. */
  insertMfaDevice(d: RamMfaDevice): Promise<boolean>;
  getMfaDevice(serialNumber: string): Promise<RamMfaDevice | undefined>;
  mfaDeviceOfUser(userId: string): Promise<RamMfaDevice | undefined>;
  listMfaDevices(accountId: string): Promise<RamMfaDevice[]>;
  deleteMfaDevice(serialNumber: string): Promise<boolean>;
  /**
   * Binds an unbound device to a user that has none, recording the accepted TOTP step; false when
   * the device is bound already or the user has a device (a concurrent bind lost).
   */
  bindMfaDevice(serialNumber: string, userId: string, step: number, now: number): Promise<boolean>;
  /** False when the device is not bound. */
  unbindMfaDevice(serialNumber: string): Promise<boolean>;

  /** The stored preference (JSON) or null for the defaults. */
  getSecurityPreference(accountId: string): Promise<string | null>;
  setSecurityPreference(accountId: string, json: string, now: number): Promise<void>;

  /** Records last uses; a stored later time is kept. */
  recordKeyUses(uses: ReadonlyArray<readonly [string, number]>): Promise<void>;
  keyLastUsed(accessKeyId: string): Promise<number | undefined>;

  /** Adds or overwrites the tags on each resource. */
  putTags(
    accountId: string,
    type: RamTagResourceType,
    resourceIds: readonly string[],
    tags: ReadonlyArray<{ key: string; value: string }>,
    now: number,
  ): Promise<void>;
  /** Removes the named keys, or every tag with keys 'all'. */
  removeTags(
    accountId: string,
    type: RamTagResourceType,
    resourceIds: readonly string[],
    keys: readonly string[] | 'all',
  ): Promise<void>;
  /** The tags of the resources given, or of every resource of the type; by resource, then key. */
  listTags(accountId: string, type: RamTagResourceType, resourceIds?: readonly string[]): Promise<RamTag[]>;
}
