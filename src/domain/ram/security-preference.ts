/**
 * The account's RAM security preference (SetSecurityPreference), stored as JSON with Alibaba's
 * defaults for what was never set. What resdir enforces is listed in docs/ram-sts.md.
 */
import type { Clock } from '../../lib/clock.js';
import type { Store } from '../../store/ports.js';

export interface SecurityPreference {
  AllowUserToChangePassword: boolean;
  AllowUserToManageAccessKeys: boolean;
  AllowUserToManageMFADevices: boolean;
  AllowUserToManagePublicKeys: boolean;
  EnableSaveMFATicket: boolean;
  LoginNetworkMasks: string;
  /** Hours, 1 to 24. */
  LoginSessionDuration: number;
}

export const DEFAULT_SECURITY_PREFERENCE: SecurityPreference = {
  AllowUserToChangePassword: true,
  AllowUserToManageAccessKeys: false,
  AllowUserToManageMFADevices: true,
  AllowUserToManagePublicKeys: false,
  EnableSaveMFATicket: false,
  LoginNetworkMasks: '',
  LoginSessionDuration: 6,
};

/** The self-service grants a preference can give a RAM user over its own credentials. */
export type SelfServiceGrant = 'AllowUserToManageAccessKeys' | 'AllowUserToManageMFADevices';

export class SecurityPreferenceService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async get(accountId: string): Promise<SecurityPreference> {
    const stored = await this.store.ramExtras.getSecurityPreference(accountId);
    const parsed: Partial<SecurityPreference> = stored ? JSON.parse(stored) : {};
    const out = { ...DEFAULT_SECURITY_PREFERENCE };
    for (const k of Object.keys(out) as Array<keyof SecurityPreference>) {
      if (typeof parsed[k] === typeof out[k]) (out as Record<string, unknown>)[k] = parsed[k];
    }
    return out;
  }

  /**
   * Replaces the settings given, keeping the others. Run inside Store.atomically: the account lock
   * keeps a concurrent change of other settings from being lost.
   */
  async set(accountId: string, patch: Partial<SecurityPreference>): Promise<SecurityPreference> {
    await this.store.ram.lockIdentity(accountId, null);
    const next = { ...(await this.get(accountId)), ...patch };
    await this.store.ramExtras.setSecurityPreference(accountId, JSON.stringify(next), this.clock.now());
    return next;
  }
}

/** The preference as GetSecurityPreference and SetSecurityPreference answer it. */
export function securityPreferenceView(p: SecurityPreference): Record<string, unknown> {
  return {
    AccessKeyPreference: { AllowUserToManageAccessKeys: p.AllowUserToManageAccessKeys },
    LoginProfilePreference: {
      AllowUserToChangePassword: p.AllowUserToChangePassword,
      EnableSaveMFATicket: p.EnableSaveMFATicket,
      LoginNetworkMasks: p.LoginNetworkMasks,
      LoginSessionDuration: p.LoginSessionDuration,
    },
    MFAPreference: { AllowUserToManageMFADevices: p.AllowUserToManageMFADevices },
    PublicKeyPreference: { AllowUserToManagePublicKeys: p.AllowUserToManagePublicKeys },
  };
}
