/**
 * Settings of the directory lifecycle: how long a member deletion check and a deletion take, how
 * long an invitation stays open, and when confirmation mails are confirmed or expire. Merged into
 * SETTING_DEFS (env + flag + default).
 *
 * Import order: only settings.ts imports this module (see defence-settings.ts).
 */
import { SettingError, type SettingDef, type Settings } from './settings.js';

export interface DirectorySettings {
  /** Seconds a CheckAccountDelete runs, and again a DeleteAccount, before each completes. */
  memberDeletionDelaySeconds: number;
  /** Days a Pending invitation (handshake) stays open before it reads as Expired. */
  handshakeExpiryDays: number;
  /**
   * Seconds after a confirmation mail (e-mail change, cloud account creation or promotion) goes
   * out until resdir confirms it as the recipient would; 0 = at once.
   */
  emailConfirmSeconds: number;
  /** Seconds a confirmation mail stays valid; a mail not confirmed by then expires. */
  emailExpirySeconds: number;
  /** Seconds EnableControlPolicy / DisableControlPolicy stay PendingEnable / PendingDisable. */
  controlPolicyDelaySeconds: number;
  /** Seconds a DeleteMessageContact stays Deleting before the contact is gone. */
  messageContactDeletionSeconds: number;
}

const int =
  (min: number, max: number) =>
  (raw: string, name: string): number => {
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    throw new SettingError(
      `invalid setting ${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`,
    );
  };

function def<K extends keyof Settings>(d: SettingDef<K>): SettingDef {
  return d as unknown as SettingDef;
}

export const DIRECTORY_SETTING_DEFS: readonly SettingDef[] = [
  def({
    key: 'memberDeletionDelaySeconds',
    env: 'RESDIR_MEMBER_DELETION_DELAY_SECONDS',
    flag: 'member-deletion-delay-seconds',
    default: '5',
    describe: 'seconds a member deletion check, and then the deletion, take to complete',
    parse: int(0, 86400),
  }),
  def({
    key: 'handshakeExpiryDays',
    env: 'RESDIR_HANDSHAKE_EXPIRY_DAYS',
    flag: 'handshake-expiry-days',
    default: '14',
    describe: 'days an invitation to a resource directory stays open',
    parse: int(1, 365),
  }),
  def({
    key: 'emailConfirmSeconds',
    env: 'RESDIR_EMAIL_CONFIRM_SECONDS',
    flag: 'email-confirm-seconds',
    default: '5',
    describe:
      'seconds until resdir confirms an e-mail change, cloud account creation or promotion as the recipient would ' +
      '(at least RESDIR_EMAIL_EXPIRY_SECONDS: never, the mail expires)',
    parse: int(0, 30 * 86400),
  }),
  def({
    key: 'emailExpirySeconds',
    env: 'RESDIR_EMAIL_EXPIRY_SECONDS',
    flag: 'email-expiry-seconds',
    default: '86400',
    describe: 'seconds a confirmation mail stays valid',
    parse: int(1, 30 * 86400),
  }),
  def({
    key: 'controlPolicyDelaySeconds',
    env: 'RESDIR_CONTROL_POLICY_DELAY_SECONDS',
    flag: 'control-policy-delay-seconds',
    default: '5',
    describe: 'seconds enabling or disabling control policies takes to complete (PendingEnable, PendingDisable)',
    parse: int(0, 3600),
  }),
  def({
    key: 'messageContactDeletionSeconds',
    env: 'RESDIR_MESSAGE_CONTACT_DELETION_SECONDS',
    flag: 'message-contact-deletion-seconds',
    default: '5',
    describe: 'seconds a message contact stays Deleting before it is gone',
    parse: int(0, 86400),
  }),
];
